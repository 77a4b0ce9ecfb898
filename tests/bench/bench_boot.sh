#!/bin/sh
# bench_boot.sh [LINES] [RUNS] — how long pmipd takes to boot from a text
# startup-config of LINES lines (gen_config.sh's), RUNS times: the load
# itself (pmipd -vv's "loaded in" line) and the time until pmipd answers a
# first command (what a user waits for).  Prints the fastest and the
# median run; never fails on time.  Set PMIPD, PMIPSH (default ./pmipd
# ./pmipsh) to compare builds; build without sanitizers for real figures.
# Runs pmipd in a network namespace it makes and removes.
set -u
lines=${1:-100000}
runs=${2:-7}
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
ms() { echo "$1 $2" | awk '{ printf "%.0f\n", ($2 - $1) * 1000 }'; }
# min and median of the numbers on stdin
stats() { sort -n | awk '{ v[NR] = $1 } END { printf "min %d ms, median %d ms", v[1], v[int((NR + 1) / 2)] }'; }

"$here/gen_config.sh" "$lines" >"$dir/startup-config"
: >"$dir/load.ms"
: >"$dir/answer.ms"
i=0
while [ "$i" -lt "$runs" ]; do
	rm -rf "$dir/state"
	t0=$(now)
	ip netns exec "$ns" "$PMIPD" -d "$dir/state" -f -vv -C "$dir/startup-config" \
	    >"$dir/pmipd.log" 2>&1 &
	pid=$!
	n=0
	while [ ! -S "$dir/state/pmipd.sock" ] && [ "$n" -lt 3000 ]; do
		sleep 0.005
		n=$((n + 1))
	done
	"$PMIPSH" -s "$dir/state/pmipd.sock" -c "show privilege" >/dev/null
	t1=$(now)
	kill "$pid"
	wait "$pid" 2>/dev/null
	pid=""
	ms "$t0" "$t1" >>"$dir/answer.ms"
	sed -n 's/.*loaded in \([0-9]*\) ms.*/\1/p' "$dir/pmipd.log" | head -1 >>"$dir/load.ms"
	i=$((i + 1))
done
echo "startup-config:                $lines lines, $runs boots"
echo "load (pmipd -vv):               $(stats <"$dir/load.ms")"
echo "start until the first answer:  $(stats <"$dir/answer.ms")"
