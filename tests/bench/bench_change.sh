#!/bin/sh
# bench_change.sh [CHANGES] BUILDDIR... — what one configuration change
# costs on a router whose engine has much to read: the LMA of
# gen_pmip_config.sh (10,000 NAIs, 1,000 MAGs, 255 mobile-map entries).
# CHANGES (200) times a change and a show right after it (do show: the
# show makes the engines take the change in; staying in configuration
# mode keeps the archive, which renders the configuration at each end,
# out of the figure), pasted into pmipsh, for two changes:
#
#  - acl: a new entry in an access list, which the LMA does not read;
#  - lma: the LMA's bce maximum, which it does.
#
# Prints ms per change for each BUILDDIR, side by side; never fails on
# time.  Runs each pmipd in a network namespace it makes and removes.
set -u
here=$(cd "$(dirname "$0")" && pwd)
n=200
case ${1:-} in [0-9]*) n=$1; shift ;; esac
[ $# -gt 0 ] || set -- .
dir=$(mktemp -d /tmp/pmipsim-change.XXXXXX)
ns=pmipsim-c$$
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
ip netns add "$ns" || exit 1
"$here/gen_pmip_config.sh" >"$dir/c.cfg"
i=0
printf 'enable\nterminal length 0\nconfigure terminal\nip access-list extended app1\n' >"$dir/acl.in"
printf 'enable\nterminal length 0\nconfigure terminal\nipv6 mobile pmipv6-lma LMA1 domain D1\n' \
    >"$dir/lma.in"
while [ $i -lt "$n" ]; do
	printf ' permit tcp any any eq %d\n do show privilege\n' $((20000 + i)) >>"$dir/acl.in"
	printf ' bce maximum %d\n do show privilege\n' $((1000 + i)) >>"$dir/lma.in"
	i=$((i + 1))
done
echo end >>"$dir/acl.in"
echo end >>"$dir/lma.in"
for b in "$@"; do
	for what in acl lma; do
		rm -rf "$dir/st"
		ip netns exec "$ns" "$b/pmipd" -d "$dir/st" -f -C "$dir/c.cfg" >"$dir/log" 2>&1 &
		pid=$!
		k=0
		while [ ! -S "$dir/st/pmipd.sock" ] && [ $k -lt 600 ]; do sleep 0.05; k=$((k + 1)); done
		s=$(date +%s%N)
		"$b/pmipsh" -s "$dir/st/pmipd.sock" <"$dir/$what.in" >"$dir/out" 2>&1
		e=$(date +%s%N)
		kill "$pid"
		wait "$pid" 2>/dev/null
		pid=""
		echo "$b: $what: $n changes, each with a show, in $(((e - s) / 1000000)) ms:" \
		    "$(awk -v t=$(((e - s) / 1000)) -v n="$n" 'BEGIN { printf "%.2f", t / n / 1000 }') ms" \
		    "a change ($(grep -c 'Current privilege' "$dir/out") shows answered)"
	done
done
