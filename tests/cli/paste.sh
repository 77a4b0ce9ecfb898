#!/bin/sh
# paste.sh — a big paste through pmipsh (stdin not a terminal) goes through
# whole: 100,000 configuration lines (their echo well over pmipd's 4 MiB output limit),
# so that pmipd's input and output both outgrow the socket buffers and the
# flow control between pmipsh and pmipd is exercised.  Every line must be
# echoed with its prompt, none refused, and the running configuration must
# hold them all; within a time bound (a stall is a failure, not a hang).
set -u

PMIPD=${PMIPD:-./pmipd}
PMIPSH=${PMIPSH:-./pmipsh}
top_srcdir=${top_srcdir:-.}
dir=$(mktemp -d /tmp/pmipsim-paste.XXXXXX)
ns="pmipsim-pa$$"
pid=""

cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ip netns add "$ns" || exit 99
ip netns exec "$ns" "$PMIPD" -d "$dir/state" -f >"$dir/pmipd.log" 2>&1 &
pid=$!
i=0
while [ ! -S "$dir/state/pmipd.sock" ]; do
	i=$((i + 1))
	[ $i -lt 200 ] || { echo "paste: pmipd did not start"; exit 1; }
	sleep 0.05
done

sh "$top_srcdir/tests/bench/gen_config.sh" 100000 >"$dir/config.txt"
{ echo enable; echo "configure terminal"; cat "$dir/config.txt"; echo end; } >"$dir/paste.txt"
if ! timeout 60 "$PMIPSH" -s "$dir/state/pmipd.sock" <"$dir/paste.txt" >"$dir/out"; then
	echo "paste: pmipsh did not finish (or failed)"
	exit 1
fi
fails=0
echoed=$(grep -c '^Router(config[^)]*)#' "$dir/out")
want=$(($(wc -l <"$dir/config.txt") + 1))	# the lines and end
[ "$echoed" = "$want" ] || { echo "paste: $echoed lines echoed with a prompt, $want typed"; fails=1; }
if grep -q '^%' "$dir/out"; then
	echo "paste: lines refused:"
	grep -m 5 -B 2 '^%' "$dir/out"
	fails=1
fi
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "show running-config" >"$dir/run" || fails=1
entries=$(grep -c '^ permit tcp ' "$dir/run")
typed=$(grep -c '^ permit tcp ' "$dir/config.txt")
[ "$entries" = "$typed" ] || { echo "paste: $entries ACL entries in the running-config, $typed typed"; fails=1; }
if grep -q -E 'AddressSanitizer|LeakSanitizer|runtime error' "$dir/pmipd.log"; then
	cat "$dir/pmipd.log"
	fails=1
fi
[ $fails = 0 ] && echo "paste: ok ($want lines)"
exit $fails
