#!/usr/bin/env bash
# Unrolled's test command, the one CI runs:
#
#   ./test.sh [PYTEST-ARGS...]
#
# 1. the set-up of ./lab.sh --setup-only  (build lib/, Python env, `java` kernel; skips what is done)
# 2. installs src/test/python/requirements.txt into the same Python env
# 3. the Java unit tests:  mvn -B test
# 4. the notebook tests:   python -m pytest src/test/python [PYTEST-ARGS...]
#    every notebook runs twice in the java kernel; committed notebooks must be clean.
#
# Both test suites always run; the exit status is non-zero if either failed.
# Examples:  ./test.sh -k rnn      ./test.sh -x -v      UNROLLED_CELL_TIMEOUT=300 ./test.sh
set -euo pipefail

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
  sed -n '2,14s/^# \{0,1\}//p' "$0"
  exit 0
fi

source "$(dirname "${BASH_SOURCE[0]}")/src/main/sh/lab-functions.sh"
cd "$UNROLLED_ROOT"
setup
install_requirements "$UNROLLED_ROOT/src/test/python/requirements.txt"

failed=()

say "Running the Java unit tests (mvn -B test) ..."
mvn -B -ntp test || failed+=("the Java unit tests (mvn test)")

say "Running the notebook tests ($PY -m pytest src/test/python $*) ..."
"$PY" -m pytest src/test/python "$@" || failed+=("the notebook tests (pytest, exit $?)")

if (( ${#failed[@]} )); then
  printf 'test.sh: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
