#!/bin/sh
# run.sh — one golden transcript test.
#
#   run.sh NAME.tr      types NAME.tr into pmipsh (stdin not a terminal, so
#                       pmipd's vty echoes, answers ? and Tab, pages) on a
#                       fresh pmipd, and compares the console transcript
#                       byte for byte with NAME.out.
#
# In NAME.tr, <TAB>, <^Z>, <^C> and <BS> stand for those keys.  pmipd runs
# in a network namespace made for the test, so nothing it does can reach the
# host's interfaces.  A first line "#! netns eth1 eth2 ..." gives that
# namespace those interfaces, as veth pairs (peers up in a second namespace,
# fixed MAC addresses).  Both namespaces are removed at the end.  When
# NAME.cfg exists, it is copied to DIR/startup-config, and pmipd boots from
# it as a router does (write memory in the transcript writes the copy, never
# NAME.cfg); files in NAME.flash/ are in its flash:.
# UPDATE_GOLDEN=1 writes NAME.out instead of comparing (then read it!).
set -u

in=$1
out=${in%.tr}.out
name=$(basename "${in%.tr}")
PMIPD=${PMIPD:-./pmipd}
PMIPSH=${PMIPSH:-./pmipsh}
dir=$(mktemp -d /tmp/pmipsim-cli.XXXXXX)
ns=""
peer=""
pid=""

cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$ns" ] && ip netns del "$ns" 2>/dev/null
	[ -n "$peer" ] && ip netns del "$peer" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

export PMIPD_FAKE_TIME="2026-11-26 12:00:00"
ns="pmipsim-t$$"
ip netns add "$ns" || exit 99
ip -n "$ns" link set lo up
run="ip netns exec $ns"
first=$(head -n 1 "$in")
case "$first" in
"#! netns"*)
	peer="pmipsim-p$$"
	ip netns add "$peer" || exit 99
	n=0
	for ifn in ${first#"#! netns"}; do
		n=$((n + 1))
		ip -n "$ns" link add "$ifn" type veth peer name "p$n" netns "$peer" || exit 99
		ip -n "$ns" link set "$ifn" address "aa:bb:cc:00:0$n:00"
		ip -n "$ns" link set "$ifn" down
		ip -n "$peer" link set "p$n" up
		# no IPv6 chatter on the links: counters stay what the test makes them
		ip netns exec "$ns" sysctl -q -w "net.ipv6.conf.$ifn.accept_ra=0" \
			"net.ipv6.conf.$ifn.dad_transmits=0" "net.ipv6.conf.$ifn.router_solicitations=0" \
			"net.ipv6.conf.$ifn.mldv2_unsolicited_report_interval=0" >/dev/null
	done
	;;
esac

[ -f "${in%.tr}.cfg" ] && cp "${in%.tr}.cfg" "$dir/startup-config"
if [ -d "${in%.tr}.flash" ]; then
	mkdir -p "$dir/flash"
	cp "${in%.tr}.flash"/* "$dir/flash/"
fi
$run "$PMIPD" -d "$dir" -f >"$dir/pmipd.log" 2>&1 &
pid=$!
i=0
while [ ! -S "$dir/pmipd.sock" ] && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
[ -S "$dir/pmipd.sock" ] || { echo "$name: pmipd did not start"; cat "$dir/pmipd.log"; exit 1; }

grep -v '^#!' "$in" | sed -e 's/<TAB>/\t/g' -e 's/<^Z>/\x1a/g' -e 's/<^C>/\x03/g' \
	-e 's/<BS>/\x7f/g' | timeout 60 "$PMIPSH" -s "$dir/pmipd.sock" >"$dir/got" 2>&1
rc=$?
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=""
if grep -q -E 'AddressSanitizer|LeakSanitizer|runtime error' "$dir/pmipd.log"; then
	echo "$name: pmipd reported a memory error:"
	cat "$dir/pmipd.log"
	exit 1
fi
if [ $rc -ne 0 ]; then
	echo "$name: pmipsh exited with $rc"
	cat "$dir/got"
	exit 1
fi
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	cp "$dir/got" "$out"
	echo "$name: wrote $out"
	exit 0
fi
if ! cmp -s "$dir/got" "$out"; then
	echo "$name: transcript differs from $out:"
	diff -u "$out" "$dir/got" | head -100
	exit 1
fi
echo "$name: ok"
