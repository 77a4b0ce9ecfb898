#!/bin/sh
# dataplane.sh — user traffic through the PMIPv6 tunnels (src/dataplane) in
# the multipath lab, whose mobile map is in the feature document's style:
#     10 tcp   -> lte_intf 3g_intf
#     20 voice -> lte_intf null      (UDP 16384-32767)
#     30 icmp  -> 3g_intf
# Each flow from the host behind the MAG (mn) to the correspondent (cn) and
# back is checked on the wire, captured on both paths at the LMA and
# decoded by tshark.  Then the LTE link is shut: TCP moves to 3G, voice is
# dropped and counted, ICMP is untouched.  A tunnel packet whose outer
# source is not a path of its inner source's binding is dropped and
# counted; a 1400-byte DF packet through tunnel mtu 1360 brings ICMP
# fragmentation needed with MTU 1332 (1360 minus 28: the outer IPv4 and
# UDP headers).  The lab runs under its own name; the trap removes it.
set -u

PMIPLAB=${PMIPLAB:-./pmiplab}
top=${top_srcdir:-.}
. "$top/tests/lab/lib.sh"
flows="/usr/bin/python3 $top/tests/lab/flows.py"
dir=$(mktemp -d /tmp/pmipsim-dp.XXXXXX)
export PMIPLAB_SAVEDIR="$dir/saved"
lab="dp$$"
bg=""

cleanup() {
	for p in $bg; do kill "$p" 2>/dev/null; done
	lab_down lma mag mn cn
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

needs_root
command -v tshark >/dev/null || { echo "$me: needs tshark; skipped"; exit 77; }

lma_paths() {
	q lma "show ipv6 mobile pmipv6 lma binding" \
	    '" ".join(sorted("%s=%s" % (p["label"], p["state"]) for m in d["mobile_nodes"] for p in m["paths"]))'
}

# capture NAME NODE IF...: tshark on NODE's interfaces into $dir/NAME.pcapng,
# for at most 30 s; waits until it captures
capture() {
	name=$1
	node=$2
	shift 2
	ifs=""
	for i in "$@"; do ifs="$ifs -i $i"; done
	# shellcheck disable=SC2086
	ip netns exec "$lab-$node" timeout 30 tshark $ifs -a duration:25 -q \
	    -w "$dir/$name.pcapng" >/dev/null 2>"$dir/$name.err" &
	cap=$!
	bg="$bg $cap"
	poll 10 grep -q "Capturing on" "$dir/$name.err"
	sleep 0.5
}

stop_capture() {
	sleep 1
	kill -INT "$cap" 2>/dev/null
	wait "$cap" 2>/dev/null
}

# on NAME FILTER: "lte=N 3g=M", the frames of FILTER in capture NAME by path
# (the LMA's eth1 faces the MAG's LTE interface, eth3 its 3G one)
on() {
	tshark -r "$dir/$1.pcapng" -d udp.port==5437,ip -Y "$2" -T fields -e frame.interface_id \
	    2>/dev/null | awk '{ n[$1]++ } END { printf "lte=%d 3g=%d\n", n[0], n[1] }'
}

# tcp_echo SERVER CLIENT ADDR PORT BYTES: a TCP transfer from CLIENT to
# SERVER (at ADDR), echoed back; the client's verdict in $dir/tcp.cli
tcp_echo() {
	ip netns exec "$lab-$1" $flows tcp-server "$4" 8 >"$dir/tcp.srv" &
	t=$!
	bg="$bg $t"
	sleep 0.5
	ip netns exec "$lab-$2" $flows tcp-client "$3" "$4" "$5" >"$dir/tcp.cli"
	wait "$t"
}

# mix: a ping, a TCP transfer echoed back, a 20-packet voice call
mix() {
	ip netns exec "$lab-cn" $flows tcp-server 5001 8 >"$dir/tcp.srv" &
	t=$!
	ip netns exec "$lab-cn" $flows udp-server 20000 5 >"$dir/udp.srv" &
	u=$!
	bg="$bg $t $u"
	sleep 0.5
	ip netns exec "$lab-mn" ping -n -c 3 -i 0.2 -W 2 203.0.113.10 >"$dir/ping" 2>&1
	ip netns exec "$lab-mn" $flows udp-send 203.0.113.10 20000 20
	ip netns exec "$lab-mn" $flows tcp-client 203.0.113.10 5001 300000 >"$dir/tcp.cli"
	wait "$t" "$u"
}

# ---- the lab, as shipped ----------------------------------------------------------------
cp "$top"/topologies/multipath/*.cfg "$dir/"
sed "s/^name: multipath$/name: $lab/" "$top/topologies/multipath/multipath.clab.yml" \
    >"$dir/lab.clab.yml"
if timeout 60 "$PMIPLAB" up "$dir/lab.clab.yml" >"$dir/up" 2>&1; then
	ok "the lab comes up"
else
	not_ok "the lab comes up" "$dir/up"
	exit 1
fi
if poll 15 is lma_paths "3g_intf=UP lte_intf=UP"; then
	ok "mn1 is registered on both paths"
else
	not_ok "mn1 is registered on both paths: $(lma_paths)"
	exit 1
fi

# (the first packets find the next hops' MAC addresses being resolved)
poll 10 ip netns exec "$lab-mn" ping -n -c 1 -W 1 203.0.113.10

# ---- tunnel mtu 1360: a 1400-byte DF packet gets fragmentation needed --------------------
# (first: the TCP transfer below teaches mn the path MTU too)
capture mtu mn eth1
ip netns exec "$lab-mn" ping -n -c 1 -W 2 -M do -s 1372 203.0.113.10 >"$dir/ping" 2>&1
stop_capture
v=$(tshark -r "$dir/mtu.pcapng" -Y "icmp.type == 3 && icmp.code == 4" -T fields -E occurrence=f -e ip.src \
    -e icmp.mtu 2>/dev/null | head -1)
[ "$v" = "$(printf '192.0.2.129\t1332')" ] &&
    ok "a 1400-byte DF packet gets ICMP fragmentation needed, MTU 1332, from the MAG" ||
    not_ok "fragmentation needed: '$v'" "$dir/ping"

# ... and without DF it is fragmented, each fragment in a tunnel packet of
# at most 1360 bytes (the answers, DF set by cn's kernel, teach cn the path
# MTU the same way: its first answer is lost)
capture frag lma eth1 eth3
ip netns exec "$lab-mn" ping -n -c 3 -i 0.5 -W 2 -M dont -s 1372 203.0.113.10 >"$dir/ping" 2>&1
stop_capture
grep -q -E "3 packets transmitted, [23] received" "$dir/ping" &&
    ok "1400-byte pings without DF are answered" || not_ok "pings without DF" "$dir/ping"
v=$(tshark -r "$dir/frag.pcapng" -d udp.port==5437,ip -Y "udp.port == 5437 && ip.src == 192.0.2.130" \
    -T fields -E occurrence=f -e ip.len 2>/dev/null | sort -n | uniq | tr '\n' ' ')
case $v in
*[0-9]" "*[0-9]" ") max=$(echo "$v" | awk '{ print $NF }')
	[ "$max" -le 1360 ] && ok "their fragments go up in tunnel packets of at most 1360 bytes ($v)" ||
	    not_ok "tunnel packet sizes: $v" ;;
*) not_ok "fragments in the tunnel: '$v'" ;;
esac

# ---- both paths up: each flow on its entry's path -------------------------------------
capture up lma eth1 eth3
mix
stop_capture
grep -q "3 packets transmitted, 3 received, 0% packet loss" "$dir/ping" && ! grep -q DUP "$dir/ping" &&
    ok "mn pings cn through the tunnel: 3 of 3, no duplicates" ||
    not_ok "mn pings cn through the tunnel" "$dir/ping"
v=$(on up "udp.port == 5437 && icmp.type == 8 && ip.dst == 203.0.113.10")
[ "$v" = "lte=0 3g=3" ] && ok "echo requests go up 3g_intf (entry 30)" || not_ok "echo requests: $v"
v=$(on up "udp.port == 5437 && icmp.type == 0 && ip.dst == 192.0.2.130")
[ "$v" = "lte=0 3g=3" ] && ok "echo replies come down 3g_intf (the LMA's entry 30)" ||
    not_ok "echo replies: $v"
[ "$(cat "$dir/tcp.cli")" = "ok 300000" ] && [ "$(cat "$dir/tcp.srv")" = 300000 ] &&
    ok "a 300 kB TCP transfer goes through and comes back whole" ||
    not_ok "TCP transfer: client '$(cat "$dir/tcp.cli")', server '$(cat "$dir/tcp.srv")'"
v=$(on up "udp.port == 5437 && tcp")
case $v in
"lte=0 "*|*" 3g="[1-9]*) not_ok "TCP on lte_intf only (entry 10): $v" ;;
*) ok "TCP goes both ways on lte_intf only (entry 10): $v" ;;
esac
[ "$(cat "$dir/udp.srv")" = 20 ] && ok "the voice call's 20 packets arrive" ||
    not_ok "voice packets at cn: $(cat "$dir/udp.srv")"
v=$(on up "udp.port == 5437 && udp.dstport == 20000")
[ "$v" = "lte=20 3g=0" ] && ok "voice goes up lte_intf (entry 20)" || not_ok "voice: $v"
v=$(q mag "show ipv6 mobile pmipv6 mag tunnel" \
    '" ".join("%s:%s" % (t["label"], t["output_packets"] > 0 and t["input_packets"] > 0) for t in d[0]["tunnels"])')
[ "$v" = "lte_intf:True 3g_intf:True" ] && ok "the MAG's tunnels count packets both ways" ||
    not_ok "MAG tunnel counters: $v"

# ---- the flows view: each flow with the entry and path that carry it --------------------
# (each ping is a flow of its own: its ICMP id; the mix's flows are these)
v=$(q mag "show ipv6 mobile pmipv6 mag flows" '" ".join(sorted(set("%s/%d/%d/%s" % (f["direction"], f["protocol"], f["mobile_map_entry"], f.get("label", f.get("dropped"))) for f in d[0]["flows"] if f["destination"] == "203.0.113.10" and f["packets"] >= 3)))')
[ "$v" = "up/1/30/3g_intf up/17/20/lte_intf up/6/10/lte_intf" ] &&
    ok "show ... mag flows: ICMP by entry 30 on 3g_intf, voice by 20 and TCP by 10 on lte_intf" ||
    not_ok "MAG flows: '$v'"
v=$(q lma "show ipv6 mobile pmipv6 lma flows" '" ".join(sorted(set("%s/%d/%d/%s" % (f["direction"], f["protocol"], f["mobile_map_entry"], f.get("label", f.get("dropped"))) for f in d[0]["flows"] if f["source"] == "203.0.113.10" and f["packets"] >= 3)))')
[ "$v" = "down/1/30/3g_intf down/6/10/lte_intf" ] &&
    ok "show ... lma flows: the answers down the same paths" || not_ok "LMA flows: '$v'"
run mag "show ipv6 mobile pmipv6 mag flows" >"$dir/text" 2>&1
grep -q -E "^  up +192\.0\.2\.130 +203\.0\.113\.10 +06 [0-9A-F]{4} 1389 +10 lte_intf +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+$" "$dir/text" &&
    ok "the text view: a NetFlow-style line per flow (TCP to port 1389 hex)" ||
    not_ok "the flows as text" "$dir/text"

# ---- and the other way: cn starts it -------------------------------------------------------
ip netns exec "$lab-cn" ping -n -c 3 -i 0.2 -W 2 192.0.2.130 >"$dir/ping" 2>&1
grep -q "3 packets transmitted, 3 received, 0% packet loss" "$dir/ping" && ! grep -q DUP "$dir/ping" &&
    ok "cn pings mn: down the tunnel first, 3 of 3" || not_ok "cn pings mn" "$dir/ping"
tcp_echo mn cn 192.0.2.130 5002 300000
[ "$(cat "$dir/tcp.cli")" = "ok 300000" ] && ok "cn opens a TCP connection to mn: 300 kB and back" ||
    not_ok "TCP from cn: '$(cat "$dir/tcp.cli")'"

# ---- the kernel does not forward a second copy -------------------------------------
for n in mag:eth2 lma:eth2; do
	v=$(ip netns exec "$lab-${n%%:*}" cat "/proc/sys/net/ipv4/conf/${n#*:}/forwarding")
	[ "$v" = 0 ] && ok "${n%%:*}: the kernel does not forward what arrives on ${n#*:}" ||
	    not_ok "${n%%:*}: forwarding on ${n#*:} is $v"
done

# ---- a tunnel packet with a source that is no path of mn1 ----------------------------
before=$(q lma "show ipv6 mobile pmipv6 lma stats" 'd[0]["data_plane_drops"]["spoofed_source"]')
capture spoof cn eth1
lmamac=$(ip netns exec "$lab-lma" cat /sys/class/net/eth1/address)
ip netns exec "$lab-mag" /usr/bin/python3 - "$lmamac" <<'PY' >/dev/null 2>&1
import sys
from scapy.all import Ether, IP, UDP, ICMP, sendp
sendp(Ether(dst=sys.argv[1]) / IP(src="198.51.100.9", dst="198.51.100.1") /
      UDP(sport=5437, dport=5437) / IP(src="192.0.2.130", dst="203.0.113.10") /
      ICMP(id=0x5151), iface="eth4", count=3, verbose=False)
PY
sleep 1
stop_capture
after=$(q lma "show ipv6 mobile pmipv6 lma stats" 'd[0]["data_plane_drops"]["spoofed_source"]')
[ "$((after - before))" = 3 ] && ok "3 spoofed tunnel packets dropped and counted" ||
    not_ok "spoofed drops: $before -> $after"
v=$(on spoof "icmp.ident == 0x5151")
[ "$v" = "lte=0 3g=0" ] && ok "none of them reaches cn" || not_ok "spoofed packets at cn: $v"

# ---- tunnel acl on the LMA: what comes out of the tunnels is filtered --------------------
run lma "configure terminal" "ip access-list extended block" \
    "deny icmp host 192.0.2.130 host 203.0.113.10" "permit ip any any" "exit" \
    "ipv6 mobile pmipv6-lma LMA1 domain D1" "tunnel acl block" "end" >"$dir/text" 2>&1
before=$(q lma "show ipv6 mobile pmipv6 lma stats" 'd[0]["data_plane_drops"]["tunnel_acl"]')
sleep 0.5
ip netns exec "$lab-mn" ping -n -c 3 -i 0.2 -W 1 203.0.113.10 >"$dir/ping" 2>&1
after=$(q lma "show ipv6 mobile pmipv6 lma stats" 'd[0]["data_plane_drops"]["tunnel_acl"]')
grep -q "3 packets transmitted, 0 received" "$dir/ping" && [ "$((after - before))" = 3 ] &&
    ok "tunnel acl: the pings it denies are dropped at the LMA and counted" ||
    not_ok "tunnel acl: ping, drops $before -> $after" "$dir/ping"
tcp_echo cn mn 203.0.113.10 5003 100000
[ "$(cat "$dir/tcp.cli")" = "ok 100000" ] && ok "tunnel acl: what it permits goes through (TCP)" ||
    not_ok "TCP under the tunnel acl: '$(cat "$dir/tcp.cli")'"
run lma "configure terminal" "ipv6 mobile pmipv6-lma LMA1 domain D1" "no tunnel acl block" \
    "end" >/dev/null 2>&1
sleep 0.5
ip netns exec "$lab-mn" ping -n -c 3 -i 0.2 -W 1 203.0.113.10 >"$dir/ping" 2>&1
grep -q "3 packets transmitted, 3 received" "$dir/ping" && ok "no tunnel acl: the pings go through again" ||
    not_ok "pings after no tunnel acl" "$dir/ping"

# ---- LTE shut: TCP moves to 3G, voice is dropped, ICMP stays ----------------------------------
run mag "configure terminal" "interface Ethernet1/0" "shutdown" "end" >/dev/null
if poll 20 is lma_paths "3g_intf=UP lte_intf=DOWN"; then
	ok "LTE shut: the LMA sees lte_intf down"
else
	not_ok "the LMA sees lte_intf down: $(lma_paths)"
fi
before=$(q mag "show ipv6 mobile pmipv6 mag stats" 'd[0]["data_plane_drops"]["null_link_type"]')
capture down lma eth1 eth3
mix
stop_capture
grep -q "3 packets transmitted, 3 received, 0% packet loss" "$dir/ping" &&
    ok "ICMP is untouched: 3 of 3" || not_ok "ping with LTE down" "$dir/ping"
v=$(on down "udp.port == 5437 && icmp")
[ "$v" = "lte=0 3g=6" ] && ok "ICMP still on 3g_intf" || not_ok "ICMP with LTE down: $v"
[ "$(cat "$dir/tcp.cli")" = "ok 300000" ] && ok "TCP goes through on 3G" ||
    not_ok "TCP with LTE down: $(cat "$dir/tcp.cli")"
v=$(on down "udp.port == 5437 && tcp")
case $v in
"lte=0 3g="[1-9]*) ok "TCP moved to 3g_intf: $v" ;;
*) not_ok "TCP with LTE down: $v" ;;
esac
[ "$(cat "$dir/udp.srv")" = 0 ] && ok "the voice call does not arrive (lte_intf null)" ||
    not_ok "voice packets at cn with LTE down: $(cat "$dir/udp.srv")"
after=$(q mag "show ipv6 mobile pmipv6 mag stats" 'd[0]["data_plane_drops"]["null_link_type"]')
[ "$((after - before))" = 20 ] && ok "its 20 packets are counted: null link-type" ||
    not_ok "null link-type drops: $before -> $after"
v=$(q mag "show ipv6 mobile pmipv6 mag flows" '" ".join("%d/%s/%d" % (f["mobile_map_entry"], f.get("dropped"), f["packets"]) for f in d[0]["flows"] if f["protocol"] == 17 and f["destination_port"] == 20000)')
[ "$v" = "20/null_link_type/40" ] &&
    ok "show ... mag flows: the voice flow (40 packets, both calls) now dropped by entry 20" ||
    not_ok "the voice flow with LTE down: '$v'"
v=$(on down "udp.dstport == 20000")
[ "$v" = "lte=0 3g=0" ] && ok "no voice packet on either path" || not_ok "voice on the wire: $v"

# ---- clear ... stats: the data plane's counters go back to zero too -----------------------
run mag "clear ipv6 mobile pmipv6 mag stats" >/dev/null 2>&1
v=$(q mag "show ipv6 mobile pmipv6 mag stats" 'sum(d[0]["data_plane_drops"].values())')
w=$(q mag "show ipv6 mobile pmipv6 mag tunnel" 'sum(t["output_packets"] + t["input_packets"] for t in d[0]["tunnels"])')
[ "$v $w" = "0 0" ] && ok "clear ... mag stats zeroes the drop and tunnel counters" ||
    not_ok "after clear: drops $v, tunnel packets $w"

# ---- the routers are well ------------------------------------------------------------------------
routers_answer lma mag
lab_logs_clean "$lab"
summary
