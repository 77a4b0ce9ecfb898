#!/bin/sh
# big_output.sh — output larger than one frame of the shell protocol (16
# MiB) reaches the shell whole: show running-config of a configuration of
# some 19 MiB, through pmipsh -c and through a pasted session (stream
# mode), compared with the configuration pmipd booted from.  pmipd runs in
# a network namespace the test makes.
set -u
PMIPD=${PMIPD:-./pmipd}
PMIPSH=${PMIPSH:-./pmipsh}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/pmipsim-big.XXXXXX)
ns=pmipsim-g$$
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
ip netns add "$ns" || exit 99
"$here/../bench/gen_config.sh" 310000 >"$dir/big.cfg"
ip netns exec "$ns" "$PMIPD" -d "$dir/state" -f -C "$dir/big.cfg" >"$dir/log" 2>&1 &
pid=$!
fail=0
i=0
while [ ! -S "$dir/state/pmipd.sock" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done

"$PMIPSH" -s "$dir/state/pmipd.sock" -c "write memory" >/dev/null
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "show running-config" >"$dir/run.txt" 2>"$dir/err"
rc=$?
bytes=$(wc -c <"$dir/run.txt")
# show running-config is the saved text after its header (Building ...,
# Current configuration, NVRAM config last updated)
sed '1,/^! NVRAM config last updated/d' "$dir/run.txt" >"$dir/body.txt"
if [ "$rc" -ne 0 ] || [ "$bytes" -le $((16 * 1024 * 1024)) ]; then
	echo "FAIL: pmipsh -c show running-config: exit $rc, $bytes bytes"
	cat "$dir/err"
	fail=1
elif ! cmp -s "$dir/body.txt" "$dir/big.cfg"; then
	echo "FAIL: pmipsh -c show running-config: $bytes bytes, not the configuration:"
	diff "$dir/big.cfg" "$dir/body.txt" | head -5
	fail=1
elif [ "$(tail -n 1 "$dir/run.txt")" != "end" ]; then
	echo "FAIL: pmipsh -c show running-config does not end with 'end'"
	fail=1
else
	echo "ok: pmipsh -c show running-config: $bytes bytes, the whole configuration"
fi

printf 'enable\nterminal length 0\nshow running-config\nexit\n' |
    "$PMIPSH" -s "$dir/state/pmipd.sock" >"$dir/paste.txt" 2>"$dir/err"
rc=$?
lines=$(sed -n '/^Building configuration/,/^end$/p' "$dir/paste.txt" | wc -l)
want=$(wc -l <"$dir/run.txt")
if [ "$rc" -ne 0 ] || [ "$want" -eq 0 ] || [ "$lines" -ne "$want" ]; then
	echo "FAIL: a pasted show running-config: exit $rc, $lines lines of $want"
	cat "$dir/err"
	fail=1
else
	echo "ok: a pasted show running-config: all $lines lines"
fi
exit $fail
