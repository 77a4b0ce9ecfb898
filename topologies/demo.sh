#!/bin/sh
# demo.sh — what ./quickstart demo runs after the build: a router with the
# feature document's MAG configuration, in a network namespace of its own,
# and its shell.  When the shell ends, the router and the namespace go.
set -eu
cd "$(dirname "$0")/.."
ns=pmipsim-demo
dir=$(mktemp -d /tmp/pmipsim-demo.XXXXXX)
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	ip netns del "$ns" 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
ip netns del "$ns" 2>/dev/null || true
ip netns add "$ns"
ip -n "$ns" link set lo up
# the MAG's two roaming interfaces and its access link, as IOL numbers them
for i in 1 4 5; do
	ip -n "$ns" link add "eth$i" type veth peer name "peer$i"
	ip -n "$ns" link set "peer$i" up
done
cat >"$dir/startup.cfg" <<'CFG'
hostname MAG1
interface Ethernet0/1
 description access link to the logical mobile node
 ip address 192.0.2.1 255.255.255.0
interface Ethernet1/0
 description LTE uplink
 ip address 198.51.100.2 255.255.255.0
interface Ethernet1/1
 description 3G uplink
 ip address 203.0.113.2 255.255.255.0
ip access-list extended voice
 permit udp any any range 16384 32767
ip sla responder
ipv6 mobile pmipv6-domain D1
 encap udptunnel
 mobile-map MAP1 12
  match access-list voice
  set link-type lte_intf 3g_intf
ipv6 mobile pmipv6-mag MAG1 domain D1
 address dynamic
  roaming interface Ethernet1/0 priority 1 egress-att LTE label lte_intf
  roaming interface Ethernet1/1 priority 2 egress-att 3G label 3g_intf
 heartbeat interval 15 retries 1
 multipath
 mobile-map MAP1
 lma LMA1 D1
  ipv4-address 203.0.113.1
CFG
ip netns exec "$ns" ./pmipd -d "$dir/state" -f -C "$dir/startup.cfg" >"$dir/pmipd.log" 2>&1 &
pid=$!
i=0
while [ ! -S "$dir/state/pmipd.sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
echo "pmipsim demo: a MAG router (pmipd) runs in network namespace $ns."
echo "Try: enable, show running-config, show ipv6 mobile pmipv6 mag globals,"
echo "     show ip interface brief, configure terminal, ?, Tab.  exit ends the demo."
echo
if [ -t 0 ]; then
	./pmipsh -s "$dir/state/pmipd.sock"
else
	printf 'enable\nshow ip interface brief\nshow ipv6 mobile pmipv6 mag globals\nexit\n' |
		./pmipsh -s "$dir/state/pmipd.sock"
fi
