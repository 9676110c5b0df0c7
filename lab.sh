#!/usr/bin/env bash
# Unrolled: build the library, set up Python and the `java` kernel, open JupyterLab.
#
#   ./lab.sh                        build if needed, then open JupyterLab on notebooks/, at the first notebook
#                                   of your locale's edition: Chinese (notebooks/zh/) when LC_ALL, else
#                                   LC_MESSAGES, else LANG starts with zh; else English (notebooks/en/)
#   ./lab.sh --zh | --en            the same, choosing the edition: 中文版 or English
#   ./lab.sh NOTEBOOK.ipynb         the same, opening that notebook (e.g. notebooks/zh/05-lstm.ipynb)
#   ./lab.sh --setup-only           build and install everything, start no server
#   ./lab.sh [--] JUPYTER-ARGS...   extra arguments go to `jupyter lab` (e.g. --no-browser --port 8899)
#   ./lab.sh student-versions [OUTDIR]  the assignments without solutions (default target/assignments/student/{en,zh}/)
#   ./lab.sh student-versions --class-copy DIR  a copy of the repository for a class, student versions only
#   ./lab.sh grade SUBMISSION.ipynb...  grade submissions in the java kernel (./lab.sh grade --help)
#   ./lab.sh benchmark [CELL:B:T:I:H...] time training steps against PyTorch (if the Python env has torch)
#   ./lab.sh --help
#
# Needs JDK 17+, Maven and Python 3.10+. Python packages go into the active virtualenv or
# conda env if one is active, else into a project-local .venv/. Reruns skip what is done.
#
# Environment: UNROLLED_KERNEL_HEAP (kernel heap, default 768m), JAVA_HOME, LC_ALL/LC_MESSAGES/LANG (edition).
# The functions live in src/main/sh/lab-functions.sh, which ./test.sh shares.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/src/main/sh/lab-functions.sh"

case "${1:-}" in
  student-versions|grade) course "$@" ;;
  benchmark) shift; benchmark "$@" ;;
esac

setup_only=0 open=""
args=()
while (( $# )); do
  case "$1" in
    -h|--help) sed -n '2,21s/^# \{0,1\}//p' "$UNROLLED_ROOT/lab.sh"; exit 0 ;;
    --setup-only) setup_only=1 ;;
    --zh|--en) open="$(edition_start "${1#--}")" ;;
    --) shift; args+=("$@"); break ;;
    *.ipynb)
      [[ -f "$1" ]] || die "no such notebook: $1"
      abs="$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")"
      [[ "$abs" == "$UNROLLED_ROOT/notebooks/"* ]] || die "$1 is not under notebooks/"
      open="${abs#"$UNROLLED_ROOT/notebooks/"}" ;;
    *) args+=("$1") ;;
  esac
  shift
done

[[ -n "$open" ]] || open="$(edition_start "$(default_edition)")"
setup
if (( setup_only )); then
  say "Setup done. Start JupyterLab with ./lab.sh"
  exit 0
fi
open_lab "$open" ${args[@]+"${args[@]}"}
