#!/bin/sh
# json.sh — every show command answers "| json" with one valid JSON
# document (parsed by python's json module), on a router with a PMIPv6
# configuration.  pmipd runs in a network namespace the test makes.
set -u
PMIPD=${PMIPD:-./pmipd}
PMIPSH=${PMIPSH:-./pmipsh}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/pmipsim-json.XXXXXX)
ns=pmipsim-j$$
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
ip netns add "$ns" || exit 99
ip -n "$ns" link add eth1 type veth peer name eth2
cat >"$dir/r.cfg" <<'CFG'
hostname R1
interface Ethernet0/1
 description "quoted" \ backslash
 ip address 192.0.2.1 255.255.255.0
ip local pool v4pool 192.0.2.100 192.0.2.150
ip access-list extended voice
 permit udp any any range 16384 32767
ip sla responder
ip sla responder udp-echo ipaddress 192.0.2.1 port 5000
ipv6 mobile pmipv6-domain D1
 encap udptunnel
 nai lmn1@example.com
  network net1
 mobile-map MAP1 12
  match access-list voice
  set link-type lte_intf 3g_intf null
ipv6 mobile pmipv6-mag MAG1 domain D1
 address dynamic
  roaming interface Ethernet1/0 priority 1 egress-att LTE label lte_intf
 multipath
 mobile-map MAP1
 lma LMA1 D1
  ipv4-address 203.0.113.1
 mobility-service hybrid-access
  profile-definition voice
   rtt 100
ipv6 mobile pmipv6-lma LMA1 domain D1
 network net1
  pool ipv4 v4pool pfxlen 24
  mobile-network pool 198.51.100.0 pool-prefix 24 network-prefix 28
CFG
ip netns exec "$ns" "$PMIPD" -d "$dir/state" -f -C "$dir/r.cfg" >"$dir/log" 2>&1 &
pid=$!
i=0
while [ ! -S "$dir/state/pmipd.sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "write memory" >/dev/null
fail=0
while read -r cmd; do
	[ -n "$cmd" ] || continue
	"$PMIPSH" -s "$dir/state/pmipd.sock" -c "$cmd | json" >"$dir/out" 2>&1
	if ! /usr/bin/python3 -c 'import json, sys; json.loads(sys.stdin.read())' <"$dir/out" 2>"$dir/err"; then
		echo "json: '$cmd | json' is not one JSON document:"
		head -5 "$dir/out"
		cat "$dir/err"
		fail=1
	fi
done <<'LIST'
show running-config
show startup-config
show running-config diff
show version
show clock
show history
show users
show privilege
show terminal
show ip interface brief
show ip route
show ipv6 route
show ipv6 interface brief
show ip arp
show interfaces
show interfaces Ethernet0/1
show ip access-lists
show access-lists voice
show ip local pool
show ip sla responder
show logging
show debugging
show archive
show archive 1
show ipv6 mobile pmipv6 domain
show ipv6 mobile pmipv6 domain D1
show ipv6 mobile pmipv6 mobile-map
show ipv6 mobile pmipv6 mag globals
show ipv6 mobile pmipv6 lma globals
show ipv6 mobile pmipv6 mag binding
show ipv6 mobile pmipv6 mag binding detail
show ipv6 mobile pmipv6 mag stats
show ipv6 mobile pmipv6 mag heartbeat
show ipv6 mobile pmipv6 mag tunnel
show ipv6 mobile pmipv6 mag flows
show ipv6 mobile pmipv6 lma binding
show ipv6 mobile pmipv6 lma binding nai lmn1@example.com detail
show ipv6 mobile pmipv6 lma stats
show ipv6 mobile pmipv6 lma heartbeat
show ipv6 mobile pmipv6 lma tunnel
show ipv6 mobile pmipv6 lma flows
LIST
# show running-config | json is the same walk of the store as the text:
# the same lines, nested as their blocks, each with its mode and its
# arguments by name
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "show running-config | json" >"$dir/run.json"
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "show running-config" >"$dir/run.txt"
if ! /usr/bin/python3 - "$dir/run.json" "$dir/run.txt" <<'PY'
import json, sys
tree = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read().split("\n")
body = text[text.index("version 15.6") + 1:text.index("end")]
want = [l for l in body if l.strip() and not l.startswith("!")]
got = []
def walk(nodes, depth):
    for n in nodes:
        got.append(" " * depth + n["line"])
        walk(n["children"], depth + 1)
walk(tree, 0)
assert got == want, "lines differ: %r" % [(a, b) for a, b in zip(got, want) if a != b][:3]
def find(nodes, line):
    for n in nodes:
        if n["line"] == line:
            return n
        f = find(n["children"], line)
        if f:
            return f
r = find(tree, "roaming interface Ethernet1/0 priority 1 egress-att LTE label lte_intf")
assert r["mode"] == "pmipv6-mag-addr-dyn", r
assert r["args"] == {"ifname": "Ethernet1/0", "prio": "1", "att": "LTE", "lbl": "lte_intf"}, r
e = find(tree, "permit udp any any range 16384 32767")
assert e["args"]["dst_op"] == "range" and e["args"]["dst_port2"] == "32767", e
assert find(tree, "address dynamic")["children"][0] is r
PY
then
	echo "json: show running-config | json does not match show running-config"
	fail=1
fi

# and every show command of the grammar is in the list above
top=${top_srcdir:-$here/../..}
for g in "$top"/grammar/*.cli; do
	grep '^cmd show ' "$g" | sed -e 's/^cmd //' -e 's/ *\[.*//' -e 's/ [a-z_]*:.*//'
done | sort -u | while read -r cmd; do
	grep -q "^$cmd" "$0" || { echo "json: '$cmd' is not tested"; exit 1; }
done || fail=1
[ $fail -eq 0 ] && echo "json: ok"
exit $fail
