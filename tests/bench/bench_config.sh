#!/bin/sh
# bench_config.sh [LINES | pmip] — how fast pmipd takes in and prints back a
# big configuration.  Prints figures; never fails on time.  With a number,
# the configuration is gen_config.sh's (interfaces and access lists); with
# "pmip", gen_pmip_config.sh's (1000 MAGs, 10000 NAIs, 255 mobile-map
# entries on an LMA).
#
#  - paste: LINES lines of configuration typed into pmipsh (stdin a file)
#  - render: show running-config of them, through pmipsh -c
#  - boot: pmipd starting from the startup-config that write memory saved,
#    until it answers (a text file; before 2026-12 an SQLite file, so the
#    script runs against either build for a side-by-side figure)
#  - text boot: pmipd starting from the generated text file (-C)
#
# Run from a build directory (uses ./pmipd ./pmipsh, or $PMIPD $PMIPSH);
# build without sanitizers for meaningful numbers.  Runs pmipd in a
# network namespace it makes and removes.
set -u
lines=${1:-100000}
PMIPD=${PMIPD:-./pmipd}
PMIPSH=${PMIPSH:-./pmipsh}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/pmipsim-bench.XXXXXX)
ns=pmipsim-b$$
pid=""

cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
ip netns add "$ns"

now() { date +%s.%N; }
ms() { echo "$1 $2" | awk '{ printf "%.0f", ($2 - $1) * 1000 }'; }

start() {
	ip netns exec "$ns" "$PMIPD" -d "$dir/state" -f "$@" >"$dir/pmipd.log" 2>&1 &
	pid=$!
	while [ ! -S "$dir/state/pmipd.sock" ]; do sleep 0.01; done
}
stop() {
	kill "$pid"; wait "$pid" 2>/dev/null; pid=""
}

if [ "$lines" = pmip ]; then
	"$here/gen_pmip_config.sh" >"$dir/config.txt"
	lines=$(wc -l <"$dir/config.txt")
else
	"$here/gen_config.sh" "$lines" >"$dir/config.txt"
fi
{ echo enable; echo "configure terminal"; cat "$dir/config.txt"; echo end; } >"$dir/paste.txt"

start
t0=$(now)
"$PMIPSH" -s "$dir/state/pmipd.sock" <"$dir/paste.txt" >"$dir/paste.out"
t1=$(now)
errors=$(grep -c '^%' "$dir/paste.out")
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "show running-config" >"$dir/run.txt"
t2=$(now)
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "write memory" >/dev/null
stop
rendered=$(wc -l <"$dir/run.txt")

t3=$(now)
start
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "show privilege" >/dev/null
t4=$(now)
stop

rm -f "$dir/state/startup-config" "$dir/state/startup-config.db"
t5=$(now)
start -C "$dir/config.txt"
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "show privilege" >/dev/null
t6=$(now)
stop

echo "config lines:                      $lines ($errors errors)"
echo "paste through pmipsh:              $(ms "$t0" "$t1") ms"
echo "show running-config ($rendered lines): $(ms "$t1" "$t2") ms"
echo "boot from startup-config:          $(ms "$t3" "$t4") ms"
echo "boot from a text config (-C):      $(ms "$t5" "$t6") ms"
