#!/bin/sh
# bench_shell.sh [RUNS] — how fast pmipsh feels at the keyboard: from its
# start to the first prompt, and from a ? pressed to its answer on the
# screen, on a pseudo-terminal (tests/cli/tty.py, pexpect), against a pmipd
# in a network namespace of its own.  Prints figures; never fails on time.
# Run from a build directory (./pmipd ./pmipsh, or $PMIPD $PMIPSH), built
# without sanitizers for meaningful numbers; as root.
set -u
here=$(cd "$(dirname "$0")" && pwd)
export PMIPD=${PMIPD:-./pmipd} PMIPSH=${PMIPSH:-./pmipsh}
exec /usr/bin/python3 "$here/../cli/tty.py" --timings "${1:-20}"
