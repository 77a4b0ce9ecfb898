#!/bin/sh
# bench_render.sh [LINES [RUNS]] BUILDDIR... — show running-config of a
# LINES-line configuration (gen_config.sh's; 100000), RUNS times (15) per
# build, through pmipsh -c: the fastest and the median, in ms, for each
# BUILDDIR side by side.  pmipd on the last CPU, the shell on the one
# before.  Prints figures; never fails on them.  Runs each pmipd in a
# network namespace it makes and removes.  Build without sanitizers.
set -u
here=$(cd "$(dirname "$0")" && pwd)
lines=100000
runs=15
case ${1:-} in [0-9]*) lines=$1; shift ;; esac
case ${1:-} in [0-9]*) runs=$1; shift ;; esac
[ $# -gt 0 ] || set -- .
dir=$(mktemp -d /tmp/pmipsim-render.XXXXXX)
ns=pmipsim-r$$
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
ip netns add "$ns" || exit 1
n=$(nproc)
cpu_d=$((n - 1))
cpu_s=$((n > 1 ? n - 2 : 0))
"$here/gen_config.sh" "$lines" >"$dir/c.cfg"
for b in "$@"; do
	rm -rf "$dir/st"
	ip netns exec "$ns" taskset -c "$cpu_d" "$b/pmipd" -d "$dir/st" -f -C "$dir/c.cfg" \
	    >"$dir/log" 2>&1 &
	pid=$!
	i=0
	while [ ! -S "$dir/st/pmipd.sock" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	k=0
	while [ $k -lt "$runs" ]; do
		s=$(date +%s%N)
		taskset -c "$cpu_s" "$b/pmipsh" -s "$dir/st/pmipd.sock" -c "show running-config" \
		    >"$dir/out"
		e=$(date +%s%N)
		echo $(((e - s) / 1000000))
		k=$((k + 1))
	done >"$dir/times"
	sort -n "$dir/times" | awk -v b="$b" -v l="$(wc -l <"$dir/out")" '{ a[NR] = $1 }
	    END { printf "%s: show running-config (%d lines): fastest %d ms, median %d ms\n",
	    b, l, a[1], a[int((NR + 1) / 2)] }'
	kill "$pid"
	wait "$pid" 2>/dev/null
	pid=""
done
