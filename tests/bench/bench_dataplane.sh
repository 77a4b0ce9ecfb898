#!/bin/sh
# bench_dataplane.sh [SECONDS] — packets per second through two routers,
# side by side in one run:
#   pmipsim   the multipath lab (pmiplab): host mn -> MAG -> UDP tunnel ->
#             LMA -> host cn, classification included (tunnel mtu removed,
#             so that 1400-byte payloads are not fragmented)
#   kernel    the same addresses and hops, Linux IPv4 forwarding
#   vxlan     the same, the two routers joined by a kernel VXLAN tunnel
# For each: UDP at saturation with 64- and 1400-byte payloads (what the
# sink gets, per second); for pmipsim also the rate of a paced flow while
# the MAG takes a 100,000-line paste or prints it back.  CPU per packet is not measured yet: read off
# the whole machine it was noise here (the method of the reference, with
# the forwarding element pinned to its own core, is still to do).  Prints figures; never fails on time.
# Run from a build directory as root, with a build without sanitizers for
# real figures (PMIPLAB, BLAST to choose).  Namespaces are its own and
# removed at the end; documentation addresses only.
set -u
secs=${1:-3}
PMIPLAB=${PMIPLAB:-./pmiplab}
BLAST=${BLAST:-./tests/bench/udp_blast}
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d /tmp/pmipsim-dpbench.XXXXXX)
export PMIPLAB_SAVEDIR="$dir/saved"
lab="dpb$$"
k="dpk$$"

cleanup() {
	[ -d "/run/pmiplab/$lab" ] && timeout 30 "$PMIPLAB" down "$lab" >/dev/null 2>&1
	for n in src r1 r2 dst; do ip netns del "$k-$n" 2>/dev/null; done
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# measure NAME SRCNS DSTNS: the figures of one variant
measure() {
	name=$1
	src=$2
	dst=$3
	line="$name"
	for size in 64 1400; do
		ip netns exec "$dst" "$BLAST" sink 9000 "$secs" >"$dir/sink" &
		s=$!
		sleep 0.3
		ip netns exec "$src" "$BLAST" send 203.0.113.10 9000 "$size" "$secs" >"$dir/sent"
		wait "$s"
		read -r got t <"$dir/sink"
		line="$line $(echo "$got $t" | awk '{ printf "%9.0f", ($2 > 0 ? $1 / $2 : 0) }')"
	done
	echo "$line"
}

# ---- pmipsim: the multipath lab --------------------------------------------------
for f in mag lma; do
	grep -v '^ tunnel mtu' "$top/topologies/multipath/$f.cfg" >"$dir/$f.cfg"
done
sed "s/^name: multipath$/name: $lab/" "$top/topologies/multipath/multipath.clab.yml" \
    >"$dir/lab.clab.yml"
timeout 60 "$PMIPLAB" up "$dir/lab.clab.yml" >"$dir/up" 2>&1 || { cat "$dir/up"; exit 1; }
n=0
until ip netns exec "$lab-mn" ping -n -c 1 -W 1 203.0.113.10 >/dev/null 2>&1 || [ $n -ge 20 ]; do
	n=$((n + 1))
done

# ---- kernel forwarding and vxlan: the same addresses, plain namespaces ------------
for n in src r1 r2 dst; do ip netns add "$k-$n"; done
veth() {	# veth NS_A IF_A NS_B IF_B
	ip -n "$1" link add "$2" type veth peer name "$4" netns "$3"
	ip -n "$1" link set "$2" up gso_max_segs 1
	ip -n "$3" link set "$4" up gso_max_segs 1
}
veth "$k-src" eth1 "$k-r1" eth2
veth "$k-r1" eth4 "$k-r2" eth1
veth "$k-r2" eth2 "$k-dst" eth1
for n in src r1 r2 dst; do ip -n "$k-$n" link set lo up; done
ip -n "$k-src" addr add 192.0.2.130/28 dev eth1
ip -n "$k-src" route add default via 192.0.2.129
ip -n "$k-r1" addr add 192.0.2.129/28 dev eth2
ip -n "$k-r1" addr add 198.51.100.2/30 dev eth4
ip -n "$k-r2" addr add 198.51.100.1/30 dev eth1
ip -n "$k-r2" addr add 203.0.113.1/24 dev eth2
ip -n "$k-dst" addr add 203.0.113.10/24 dev eth1
ip -n "$k-dst" route add default via 203.0.113.1
for n in r1 r2; do ip netns exec "$k-$n" sysctl -q -w net.ipv4.ip_forward=1; done
ip -n "$k-r1" route add default via 198.51.100.1
ip -n "$k-r2" route add 192.0.2.128/28 via 198.51.100.2
ip netns exec "$k-src" ping -n -c 2 -W 1 203.0.113.10 >/dev/null 2>&1

echo "data plane, $secs s a run: UDP packets per second delivered at saturation"
echo "variant       64 B pps  1400 B pps"
measure "pmipsim " "$lab-mn" "$lab-cn"
measure "kernel  " "$k-src" "$k-dst"

# vxlan between r1 and r2 over their link; the routes go through it
ip -n "$k-r1" link add vx0 type vxlan id 42 local 198.51.100.2 remote 198.51.100.1 dstport 4789 dev eth4
ip -n "$k-r2" link add vx0 type vxlan id 42 local 198.51.100.1 remote 198.51.100.2 dstport 4789 dev eth1
ip -n "$k-r1" addr add 198.51.100.9/30 dev vx0
ip -n "$k-r2" addr add 198.51.100.10/30 dev vx0
ip -n "$k-r1" link set vx0 up
ip -n "$k-r2" link set vx0 up
ip -n "$k-r1" route replace default via 198.51.100.10 dev vx0
ip -n "$k-r2" route replace 192.0.2.128/28 via 198.51.100.9 dev vx0
ip netns exec "$k-src" ping -n -c 2 -W 1 203.0.113.10 >/dev/null 2>&1
measure "vxlan   " "$k-src" "$k-dst"

# forwarding while the MAG's control plane is busy: the rate of 64-byte
# packets, paced at 100,000 pps, while the MAG takes a 100,000-line paste
# (the access lists and interfaces of gen_config.sh) or answers a show of
# its whole running configuration, against the same with nothing else
PMIPSH_BIN=${PMIPSH:-./pmipsh}
paced() {	# paced SECS: "delivered pps" of a 100,000 pps flow mn -> cn
	ip netns exec "$lab-cn" "$BLAST" sink 9000 "$1" >"$dir/sink" &
	s=$!
	sleep 0.3
	ip netns exec "$lab-mn" "$BLAST" send 203.0.113.10 9000 64 "$1" 100000 >/dev/null
	wait "$s"
	read -r got t <"$dir/sink"
	echo "$got $t" | awk '{ printf "%.0f", ($2 > 0 ? $1 / $2 : 0) }'
}
"$top/tests/bench/gen_config.sh" 100000 >"$dir/config.txt"
{ echo enable; echo "configure terminal"; cat "$dir/config.txt"; echo end; } >"$dir/paste.txt"
sock=/run/pmiplab/$lab/mag/pmipd.sock
idle=$(paced 4)
( sleep 0.5; "$PMIPSH_BIN" -s "$sock" <"$dir/paste.txt" >/dev/null 2>&1 ) &
p=$!
paste=$(paced 4)
wait "$p"
lines=$("$PMIPSH_BIN" -s "$sock" -c "show running-config" 2>/dev/null | wc -l)
( sleep 0.5; for i in 1 2 3; do "$PMIPSH_BIN" -s "$sock" -c "show running-config" >/dev/null 2>&1; done ) &
p=$!
show=$(paced 4)
wait "$p"
echo "forwarding at a paced 100,000 pps (64 B), MAG control plane idle: $idle pps;"
echo "  during a 100,000-line paste into the MAG: $paste pps; during show running-config: $show pps"
echo "  (the MAG's running-config then: $lines lines)"

# what the engines dropped meanwhile, by reason
echo "pmipsim drops (MAG, LMA):"
for n in mag lma; do
	timeout 10 "$PMIPLAB" exec "$lab/$n" pmipsh -c "show ipv6 mobile pmipv6 $n stats" 2>/dev/null |
	    sed -n '/Data packets dropped/,/Bindings/p' | grep -v Bindings | sed "s/^/  $n /"
done
