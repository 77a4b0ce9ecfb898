#!/bin/sh
# demo.sh — what ./quickstart demo runs after the build: the multipath lab
# (topologies/multipath) brought up with pmiplab, in network namespaces on
# this machine; it waits until the MAG has registered the logical mobile
# node over both roaming interfaces, sends a ping (over 3G) and a TCP
# transfer (over LTE) from the host behind the MAG to the correspondent,
# shows the bindings and the tunnels' counters on both routers, and leaves
# the lab running for you to explore.
set -eu
cd "$(dirname "$0")/.."
lab=topologies/multipath/multipath.clab.yml

# a lab left over from an earlier demo goes first
[ -d /run/pmiplab/multipath ] && ./pmiplab down multipath >/dev/null 2>&1 || true
# the demo is the lab as shipped: what its routers saved in an earlier run
# is set aside (pmiplab up without --reset keeps it)
./pmiplab up --reset "$lab"

echo
echo "Waiting for the MAG to register mn1@example.com over both paths..."
i=0
while [ $i -lt 100 ]; do
	n=$(./pmiplab exec lma pmipsh -c "show ipv6 mobile pmipv6 lma binding | count State: UP" 2>/dev/null |
	    sed -n 's/.*= *//p')
	[ "${n:-0}" -ge 2 ] && break
	sleep 0.1
	i=$((i + 1))
done

# traffic through the tunnels: ICMP takes 3g_intf (mobile-map entry 30),
# TCP lte_intf (entry 10); the tunnels count both
echo
echo "mn pings cn (ICMP: 3g_intf), then sends it 200 kB over TCP (lte_intf):"
./pmiplab exec mn ping -c 1 -W 1 203.0.113.10 >/dev/null 2>&1 || true
./pmiplab exec mn ping -c 3 -i 0.2 203.0.113.10 || true
./pmiplab exec cn /usr/bin/python3 tests/lab/flows.py tcp-server 5001 5 >/dev/null &
sleep 0.5
./pmiplab exec mn /usr/bin/python3 tests/lab/flows.py tcp-client 203.0.113.10 5001 200000 || true
wait

for node in lma mag; do
	echo
	echo "==== $node ===================================================="
	./pmiplab exec "$node" pmipsh -c "show ipv6 mobile pmipv6 $node binding" \
	    -c "show ipv6 mobile pmipv6 $node tunnel"
done

cat <<'EOF'

The lab is up: routers lma and mag (pmipd), hosts mn and cn.
  ./pmiplab console mag          the MAG's command line (pmipsh); try
                                 show ipv6 mobile pmipv6 mag binding detail,
                                 then configure terminal / interface Ethernet1/0 /
                                 shutdown, and watch the path go down on both sides
  ./pmiplab console lma          the LMA's command line
  ./pmiplab exec mn ping 203.0.113.10   through the tunnel (3g_intf)
  ./pmiplab status multipath     what runs
  ./pmiplab down multipath       ends the lab
topologies/multipath/README.md walks through the exercise.
EOF
