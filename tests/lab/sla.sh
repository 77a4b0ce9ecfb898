#!/bin/sh
# sla.sh — the IP SLA responder answers: a permanent udp-echo port sends
# each datagram back, byte for byte, to where it came from (also when its
# address comes to the interface after the line was configured); with the
# responder on, control messages on UDP 1967 are counted as errors with
# their source; show ip sla responder shows it all; taking the lines away
# closes the ports.
#
# pmipd runs in a namespace of its own; the datagrams come from a second
# namespace over a veth pair, documentation addresses only.  Needs root.
set -u

PMIPD=${PMIPD:-./pmipd}
PMIPSH=${PMIPSH:-./pmipsh}
top_srcdir=${top_srcdir:-.}
. "$top_srcdir/tests/lab/lib.sh"

dir=$(mktemp -d /tmp/pmipsim-sla.XXXXXX)
ns="pmipsim-sla$$"
peer="pmipsim-slp$$"
pid=""

cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	ip netns del "$ns" 2>/dev/null
	ip netns del "$peer" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

needs_root

# sh_c CMD...: pmipsh -c CMD for each
sh_c() {
	for c in "$@"; do
		set -- "$@" -c "$c"
		shift
	done
	"$PMIPSH" -s "$dir/pmipd.sock" "$@"
}

# udp ADDR PORT PAYLOAD [SPORT]: from the peer namespace, one datagram
# (from port SPORT if given); prints what came back within a second
# ("(nothing)" if nothing did)
udp() {
	ip netns exec "$peer" /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
if len(sys.argv) > 4:
    s.bind(("", int(sys.argv[4])))
s.settimeout(1.0)
s.sendto(sys.argv[3].encode(), (sys.argv[1], int(sys.argv[2])))
try:
    data, src = s.recvfrom(65536)
    print("%s from %s:%d" % (data.decode(), src[0], src[1]))
except socket.timeout:
    print("(nothing)")' "$@"
}

ip netns add "$ns" && ip netns add "$peer" || exit 99
ip -n "$ns" link set lo up
ip -n "$peer" link set lo up
ip -n "$ns" link add eth1 type veth peer name p1 netns "$peer" || exit 99
ip -n "$peer" addr add 192.0.2.2/24 dev p1
ip -n "$peer" link set p1 up

# the address of the echo port is not on the interface yet
cat >"$dir/r.cfg" <<'CFG'
interface Ethernet0/1
 no shutdown
ip sla responder
ip sla responder udp-echo ipaddress 192.0.2.1 port 5000
CFG
ip netns exec "$ns" "$PMIPD" -d "$dir" -f -C "$dir/r.cfg" >"$dir/pmipd.log" 2>&1 &
pid=$!
poll 10 test -S "$dir/pmipd.sock" || { not_ok "pmipd starts"; summary; exit 1; }

sh_c "configure terminal" "interface Ethernet0/1" "ip address 192.0.2.1 255.255.255.0" "end" \
    >/dev/null
poll 5 sh -c "ip -n $ns -4 addr show dev eth1 | grep -q 192.0.2.1"
got=$(udp 192.0.2.1 5000 "probe-1")
[ "$got" = "probe-1 from 192.0.2.1:5000" ] &&
    ok "udp-echo port 192.0.2.1:5000 echoes, configured before its address existed" ||
    not_ok "udp-echo answer: '$got'"
got=$(udp 192.0.2.1 5000 "probe-2")
[ "$got" = "probe-2 from 192.0.2.1:5000" ] && ok "and again" || not_ok "second echo: '$got'"
got=$(udp 192.0.2.1 5000 "from echo" 7)
[ "$got" = "(nothing)" ] && ok "nothing is echoed to a service port (7): no echo loops" ||
    not_ok "echoed to port 7: '$got'"
got=$(udp 192.0.2.1 5001 "other")
[ "$got" = "(nothing)" ] && ok "a port not configured does not answer" ||
    not_ok "port 5001 answered: '$got'"
got=$(udp 192.0.2.1 1967 "not a control message")
[ "$got" = "(nothing)" ] && ok "the control port answers nothing it does not understand" ||
    not_ok "port 1967 answered: '$got'"

sh_c "show ip sla responder" | sed 's/\[[^]]*\]/[TIME]/' >"$dir/show"
cat >"$dir/want" <<'OUT'
General IP SLA Responder on Control port 1967
General IP SLA Responder is: Enabled
Number of control message received: 1 Number of errors: 1
Recent sources:
	192.0.2.2 [TIME]
Recent error sources:
	192.0.2.2 [TIME]

	Permanent Port IP SLA Responder
Permanent Port IP SLA Responder is: Enabled

udpEcho Responder:
  IP Address             Port
  192.0.2.1              5000
OUT
same "show ip sla responder: the control message, the error, the sources" "$dir/want" "$dir/show"
v=$(sh_c "show ip sla responder | json" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["control_messages"], d["errors"], [(u["address"], u["port"], u["echoed"]) for u in d["udp_echo"]])')
[ "$v" = "1 1 [('192.0.2.1', 5000, 2)]" ] && ok "json: 1 control message, 1 error, 2 echoed" ||
    not_ok "json: '$v'"

sh_c "configure terminal" "no ip sla responder udp-echo ipaddress 192.0.2.1 port 5000" \
    "no ip sla responder" "end" >/dev/null
poll 5 sh -c "[ \"\$(ip netns exec $ns ss -uln | grep -c -E ':(5000|1967) ')\" = 0 ]" &&
    ok "without the lines, ports 5000 and 1967 are closed" ||
    not_ok "ports still open" 
got=$(udp 192.0.2.1 5000 "probe-3")
[ "$got" = "(nothing)" ] && ok "and nothing answers" || not_ok "still echoing: '$got'"

if sanitizer_report "$dir/pmipd.log"; then
	not_ok "the pmipd log is free of sanitizer reports" "$dir/pmipd.log"
else
	ok "the pmipd log is free of sanitizer reports"
fi
summary
