#!/bin/sh
# iface_late.sh — interfaces that appear after pmipd started are applied.
#
# containerlab adds a node's links after the node starts.  Here pmipd runs
# in a namespace with no eth5 and no eth6; interface Ethernet1/1 (eth5) and
# Ethernet1/2 (eth6) are configured with addresses, a description and an
# admin state; then the links appear: eth5 created in the namespace
# directly, eth6 created elsewhere under another name and moved in and
# renamed (the way containerlab does it).  Each must get its configuration
# within 5 seconds; eth5 must be up, eth6 (shutdown) down.  A ping across
# eth5 must then show in show interfaces' counters.  Finally eth5 is
# deleted and created again (a new kernel index) and must be configured
# again.
#
# Only documentation addresses, on veth pairs between two namespaces that
# the test creates and removes.  Exit status: 0 pass, 1 fail, 99 cannot run.
set -u

PMIPD=${PMIPD:-./pmipd}
PMIPSH=${PMIPSH:-./pmipsh}
top_srcdir=${top_srcdir:-.}
. "$top_srcdir/tests/lab/lib.sh"

dir=$(mktemp -d /tmp/pmipsim-late.XXXXXX)
ns="pmipsim-il$$"
peer="pmipsim-ilp$$"
pid=""
made=""

cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	for n in $made; do
		ip netns del "$n" 2>/dev/null
	done
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# passed WHAT: a progress line (this test ends at its first failure: fail)
passed() {
	echo "ok   $*"
}

sh_c() {
	"$PMIPSH" -s "$dir/pmipd.sock" "$@"
}

# within_5s WHAT CMD...: runs CMD until it succeeds, for at most 5 seconds
within_5s() {
	what=$1
	shift
	i=0
	until "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "after 5 s: $what"
		sleep 0.05
	done
	passed "$what ($((i * 50)) ms)"
}

has_addr() {	# has_addr IFNAME ADDR/LEN
	ip -n "$ns" addr show dev "$1" | grep -q -w "inet6\? $2"
}

link_flags() {	# the flags of IFNAME, as "<A,B,C>"
	ip -n "$ns" -o link show dev "$1" | sed -n 's/^[0-9]*: [^:]*: \(<[^>]*>\).*/\1/p'
}

is_up() {	# administratively up, with a carrier
	f=$(link_flags "$1")
	echo "$f" | grep -q -E '[<,]UP[,>]' && echo "$f" | grep -q LOWER_UP
}

is_admin_down() {
	! link_flags "$1" | grep -q -E '[<,]UP[,>]'
}

has_alias() {
	ip -n "$ns" -d link show dev "$1" | grep -q "alias $2\$"
}

# counters IFNAME: "PACKETS_IN PACKETS_OUT" from show interfaces
counters() {
	sh_c -c "show interfaces $1" | awk '
		/packets input/ { i = $1 }
		/packets output/ { o = $1 }
		END { print i + 0, o + 0 }'
}

quiet_ipv6() {	# no IPv6 chatter on a link: the counters are the ping's
	ip netns exec "$1" sysctl -q -w "net.ipv6.conf.$2.accept_ra=0" \
		"net.ipv6.conf.$2.dad_transmits=0" "net.ipv6.conf.$2.router_solicitations=0" \
		>/dev/null 2>&1
}

ip netns add "$ns" || exit 99
made="$ns"
ip netns add "$peer" || exit 99
made="$ns $peer"
ip -n "$ns" link set lo up

ip netns exec "$ns" "$PMIPD" -d "$dir" -f >"$dir/pmipd.log" 2>&1 &
pid=$!
i=0
until sh_c -c "show privilege" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "pmipd did not start"
	sleep 0.05
done

out=$(sh_c -c "configure terminal" \
	-c "interface Ethernet1/1" \
	-c "description late link" \
	-c "ip address 192.0.2.1 255.255.255.0" \
	-c "ipv6 address 2001:db8:5::1/64" \
	-c "no shutdown" \
	-c "interface Ethernet1/2" \
	-c "description moved in" \
	-c "ip address 198.51.100.1 255.255.255.0" \
	-c "shutdown" \
	-c "end" 2>&1) || fail "configuring: $out"

[ "$(sh_c -c "show interfaces Ethernet1/1")" = "% Interface Ethernet1/1 does not exist on this node" ] ||
	fail "Ethernet1/1 exists before eth5 does"
passed "Ethernet1/1 is configured and does not exist yet"

# eth5 appears, created in the namespace
ip -n "$ns" link add eth5 type veth peer name p5 netns "$peer" || exit 99
quiet_ipv6 "$ns" eth5
quiet_ipv6 "$peer" p5
ip -n "$peer" addr add 192.0.2.2/24 dev p5
ip -n "$peer" link set p5 up
within_5s "eth5 has 192.0.2.1/24" has_addr eth5 192.0.2.1/24
within_5s "eth5 has 2001:db8:5::1/64" has_addr eth5 2001:db8:5::1/64
within_5s "eth5 is up" is_up eth5
within_5s "eth5 has the description as its alias" has_alias eth5 "late link"
brief=$(sh_c -c "show ip interface brief | include ^Ethernet1/1 ")
[ "$brief" = "Ethernet1/1                192.0.2.1       YES manual up                    up" ] ||
	fail "show ip interface brief: \"$brief\""
passed "show ip interface brief lists Ethernet1/1 up"

# eth6 appears under another name in the peer namespace, moved in, renamed
ip -n "$peer" link add tmp6 type veth peer name p6 || exit 99
ip -n "$peer" link set tmp6 netns "$ns" || exit 99
ip -n "$ns" link set tmp6 name eth6 || exit 99
within_5s "eth6 (moved in, renamed) has 198.51.100.1/24" has_addr eth6 198.51.100.1/24
within_5s "eth6 has the description as its alias" has_alias eth6 "moved in"
sleep 0.3
is_admin_down eth6 || fail "eth6 is configured shutdown but is $(link_flags eth6)"
passed "eth6 stays administratively down"

# traffic across eth5 shows in the counters
set -- $(counters Ethernet1/1)
in0=$1 out0=$2
ip netns exec "$peer" ping -c 3 -W 1 -q 192.0.2.1 >"$dir/ping.out" 2>&1 ||
	fail "ping across eth5: $(cat "$dir/ping.out")"
set -- $(counters Ethernet1/1)
in1=$1 out1=$2
[ "$in1" -ge $((in0 + 3)) ] && [ "$out1" -ge $((out0 + 3)) ] ||
	fail "counters of Ethernet1/1: input $in0 -> $in1, output $out0 -> $out1 after 3 pings"
passed "show interfaces Ethernet1/1 counters: input $in0 -> $in1, output $out0 -> $out1"

# the link goes away and comes back with a new index: configured again
ip -n "$ns" link del eth5
within_5s "Ethernet1/1 gone from show ip interface brief" \
	sh -c "! '$PMIPSH' -s '$dir/pmipd.sock' -c 'show ip interface brief' | grep -q '^Ethernet1/1 '"
ip -n "$ns" link add eth5 type veth peer name p5 netns "$peer" || exit 99
ip -n "$peer" link set p5 up
within_5s "eth5, created again, has 192.0.2.1/24" has_addr eth5 192.0.2.1/24
within_5s "eth5, created again, is up" is_up eth5

kill "$pid"
wait "$pid" 2>/dev/null
pid=""
if sanitizer_report "$dir/pmipd.log"; then
	fail "pmipd reported a memory error"
fi
echo "iface_late: ok"
