#!/bin/sh
# capture.sh — the signaling of the multipath lab, captured off both links
# with libpcap while the MAG registers, decoded by tshark and by the
# project's own codec.
#
# The lab is topologies/multipath, copied with a name of its own and the
# MAG's two roaming interfaces shut in its startup-config, so that nothing
# is sent before the captures run.  tests/interop/pcap_mh captures UDP
# port 5436 on the LMA's eth1 (the lte_intf link) and eth3 (the 3g_intf
# link); then Ethernet1/0 and, once it is registered, Ethernet1/1 come up
# on the MAG (one after the other, so that what each PBU carries is
# known), and the captures run until each link has shown a registration
# and a heartbeat exchange both ways (heartbeat interval 5 s), at most
# 30 seconds.
#
# tshark (4.x field names) must find on each link a PBU with the A, P and F
# flags, NAI mn1@example.com and lifetime 900 (3600 s), carrying the
# options it does not know (63 MAG Multipath Binding, 64 MAG Identifier);
# the PBA with status 0, the P flag, the same sequence number, NAI and
# lifetime, with option 63 and without 64; heartbeat requests from both
# ends, each answered with the same sequence number and a restart counter;
# no malformed packet.  pcap_mh decode must find exactly: the PBU with its
# Multipath Binding (binding id, If-ATT 8 for LTE or 7 for 3G, If-Label)
# and MAG Identifier "MAG1", the PBA echoing the Multipath Binding with
# the home address, and the heartbeats.
#
# Only documentation addresses; the lab's name carries this shell's pid and
# the trap removes it whatever happens.  Needs root (77 without) and tshark
# (77 without).
set -u
LC_ALL=C	# sort order and tshark's output
export LC_ALL

PMIPLAB=${PMIPLAB:-./pmiplab}
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
. "$top_srcdir/tests/lab/lib.sh"
PCAP_MH=$top_builddir/tests/interop/pcap_mh
lab="capt$$"
dir=$(mktemp -d /tmp/pmipsim-capture.XXXXXX)
# what the routers save stays in the test's directory, not /var/lib/pmiplab
export PMIPLAB_SAVEDIR="$dir/saved"
caps=""

cleanup() {
	for p in $caps; do
		kill "$p" 2>/dev/null
	done
	[ -d "/run/pmiplab/$lab" ] && timeout 30 "$PMIPLAB" down "$lab" >/dev/null 2>&1
	for ns in "$lab-lma" "$lab-mag" "$lab-mn" "$lab-cn"; do
		if [ -e "/run/netns/$ns" ]; then
			for p in $(ip netns pids "$ns" 2>/dev/null); do
				kill -9 "$p" 2>/dev/null
			done
			ip netns del "$ns" 2>/dev/null
		fi
	done
	rm -rf "/run/pmiplab/$lab" "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

needs_root
if ! command -v tshark >/dev/null 2>&1; then
	echo "capture: tshark not found; skipped"
	exit 77
fi

mag() {
	timeout 20 "$PMIPLAB" exec "$lab/mag" pmipsh "$@"
}

# ---- the lab, the roaming interfaces shut --------------------------------------
src=$top_srcdir/topologies/multipath
sed "s/^name: .*/name: $lab/" "$src/multipath.clab.yml" >"$dir/multipath.clab.yml"
cp "$src/lma.cfg" "$dir/lma.cfg"
sed -e '/^interface Ethernet1\/[01]$/a\
 shutdown' "$src/mag.cfg" >"$dir/mag.cfg"
[ "$(grep -c '^ shutdown$' "$dir/mag.cfg")" = 2 ] || { echo "capture: cannot edit mag.cfg"; exit 99; }

if ! timeout 60 "$PMIPLAB" up "$dir/multipath.clab.yml" >"$dir/out" 2>&1; then
	not_ok "the lab comes up" "$dir/out"
	exit 1
fi
ok "the lab comes up"

mag -c "show ipv6 mobile pmipv6 mag stats | json" >"$dir/out" 2>&1
grep -q '"pbu_sent":0,' "$dir/out" && ok "the MAG sent no PBU before the captures" ||
	not_ok "the MAG sent no PBU before the captures" "$dir/out"

# ---- captures on the LMA's two links --------------------------------------------
for link in lte:eth1 3g:eth3; do
	name=${link%%:*}
	"$PMIPLAB" exec "$lab/lma" "$PCAP_MH" capture "${link#*:}" "$dir/$name.pcap" -c 500 -t 30 \
		>"$dir/$name.cap" 2>&1 &
	caps="$caps $!"
done
for name in lte 3g; do
	if poll 10 grep -q '^capturing on' "$dir/$name.cap"; then
		ok "capturing the $name link"
	else
		not_ok "capturing the $name link" "$dir/$name.cap"
		exit 1
	fi
done

# decoded LINK TYPE SRC: the capture of LINK so far holds a TYPE from SRC
decoded() {
	"$PCAP_MH" decode "$dir/$1.pcap" 2>/dev/null | grep -q "^[0-9]* $3:[0-9]* > [^ ]* $2 "
}

# registered LINK MAG: a PBU and its PBA, heartbeats both ways answered
registered() {
	decoded "$1" PBA 198.51.100.1 &&
	    decoded "$1" HB-RSP 198.51.100.1 && decoded "$1" HB-RSP "$2"
}

mag -c "configure terminal" -c "interface Ethernet1/0" -c "no shutdown" -c "end" >/dev/null 2>&1
if poll 20 registered lte 198.51.100.2; then
	ok "lte_intf registered and exchanged heartbeats"
else
	not_ok "lte_intf registered and exchanged heartbeats"
fi
mag -c "configure terminal" -c "interface Ethernet1/1" -c "no shutdown" -c "end" >/dev/null 2>&1
if poll 20 registered 3g 198.51.100.6; then
	ok "3g_intf registered and exchanged heartbeats"
else
	not_ok "3g_intf registered and exchanged heartbeats"
fi

for p in $caps; do
	kill "$p" 2>/dev/null
done
for p in $caps; do
	wait "$p"
done
caps=""
for name in lte 3g; do
	grep -q '^[0-9]* packets$' "$dir/$name.cap" && ok "the $name capture ended cleanly" ||
		not_ok "the $name capture ended cleanly" "$dir/$name.cap"
done

# ---- tshark ---------------------------------------------------------------------
# One line per kind of message, with the fields that matter, whatever the
# sequence numbers: PBU; PBA, with whether a PBU of the same number went the
# other way; answered heartbeat requests with the responder's restart
# counter.  Options tshark does not know are listed by type.
summarize() {
	tshark -n -r "$1" -T fields -E separator=/t -e ip.src -e ip.dst -e mip6.mhtype \
	    -e mip6.bu.seqnr -e mip6.bu.a_flag -e mip6.bu.p_flag -e mip6.bu.f_flag \
	    -e mip6.bu.lifetime -e mip6.mnid.identifier -e mip6.ba.seqnr -e mip6.ba.status \
	    -e mip6.ba.p_flag -e mip6.ba.lifetime -e mip6.hb.r_flag -e mip6.hb.seqnr -e mip6.rc \
	    -e mip6.mobility_opt 2>"$dir/tshark.err" |
	sed -e 's/True/1/g' -e 's/False/0/g' |
	awk -F '\t' '
	$3 == 5 {
		pbu[$1 ">" $2 ":" $4] = 1
		printf "PBU %s>%s A=%s P=%s F=%s nai=%s lifetime=%s options=%s\n",
		    $1, $2, $5, $6, $7, $9, $8, $17
	}
	$3 == 6 {
		printf "PBA %s>%s status=%s P=%s nai=%s lifetime=%s options=%s %s\n",
		    $1, $2, $11, $12, $9, $13, $17,
		    (($2 ">" $1 ":" $10) in pbu) ? "answers-the-PBU" : "answers-nothing"
	}
	$3 == 13 && $14 == 0 { req[$1 ">" $2 ":" $15] = 1 }
	$3 == 13 && $14 == 1 && (($2 ">" $1 ":" $15) in req) {
		printf "heartbeat %s>%s answered, restart counter %s\n", $2, $1, $16
	}
	$3 != 5 && $3 != 6 && $3 != 13 { printf "unexpected MH type %s %s>%s\n", $3, $1, $2 }' |
	sort -u
}

for link in lte:198.51.100.2 3g:198.51.100.6; do
	name=${link%%:*}
	coa=${link#*:}
	summarize "$dir/$name.pcap" >"$dir/$name.tshark"
	cat >"$dir/expected" <<EOF
PBA 198.51.100.1>$coa status=0 P=1 nai=mn1@example.com lifetime=900 options=63 answers-the-PBU
PBU $coa>198.51.100.1 A=1 P=1 F=1 nai=mn1@example.com lifetime=900 options=63,64
heartbeat 198.51.100.1>$coa answered, restart counter 1
heartbeat $coa>198.51.100.1 answered, restart counter 1
EOF
	same "tshark: the $name link carries PBU (A, P, F, NAI), PBA (status 0) and heartbeats" \
	    "$dir/expected" "$dir/$name.tshark"
	if ! tshark -n -r "$dir/$name.pcap" -Y '_ws.malformed || _ws.expert.severity >= "Error"' \
	    >"$dir/out" 2>"$dir/tshark.err"; then
		not_ok "tshark reads the $name capture" "$dir/tshark.err"
	elif [ -s "$dir/out" ]; then
		not_ok "tshark: nothing malformed on the $name link" "$dir/out"
	else
		ok "tshark: nothing malformed on the $name link"
	fi
done

# ---- the project's decoder ---------------------------------------------------------
# sequence numbers vary from run to run; retransmissions and repeated
# heartbeats fold into one line
normalize() {
	"$PCAP_MH" decode "$1" | sed -e 's/^[0-9]* //' -e 's/ seq=[0-9]*/ seq=S/' \
	    -e 's/ hb_seq=[0-9]*/ hb_seq=H/' | sort -u
}

# the first path asks for an address, the second names the one it got
cat >"$dir/expected" <<'EOF'
198.51.100.1:5436 > 198.51.100.2:5436 HB-REQ flags=- hb_seq=H
198.51.100.1:5436 > 198.51.100.2:5436 HB-RSP flags=R hb_seq=H restart=1
198.51.100.1:5436 > 198.51.100.2:5436 PBA seq=S flags=P lifetime=900 status=0 hi=1 att=8 nai=mn1@example.com hoa_reply=192.0.2.10/25 hoa_reply_status=0 mmb_bid=1 mmb_att=8 mmb_label=1 mmb_flags=0
198.51.100.2:5436 > 198.51.100.1:5436 HB-REQ flags=- hb_seq=H
198.51.100.2:5436 > 198.51.100.1:5436 HB-RSP flags=R hb_seq=H restart=1
198.51.100.2:5436 > 198.51.100.1:5436 PBU seq=S flags=AHPF lifetime=900 hi=1 att=8 nai=mn1@example.com hoa_req=0.0.0.0/0 mmb_bid=1 mmb_att=8 mmb_label=1 mmb_flags=0 mag_id=MAG1
EOF
normalize "$dir/lte.pcap" >"$dir/lte.decoded"
same "pcap_mh: the lte link's PBU has MMB bid 1, If-ATT 8 (LTE), If-Label 1, MAG-ID MAG1; the PBA echoes it" \
    "$dir/expected" "$dir/lte.decoded"

cat >"$dir/expected" <<'EOF'
198.51.100.1:5436 > 198.51.100.6:5436 HB-REQ flags=- hb_seq=H
198.51.100.1:5436 > 198.51.100.6:5436 HB-RSP flags=R hb_seq=H restart=1
198.51.100.1:5436 > 198.51.100.6:5436 PBA seq=S flags=P lifetime=900 status=0 hi=1 att=7 nai=mn1@example.com hoa_reply=192.0.2.10/25 hoa_reply_status=0 mmb_bid=2 mmb_att=7 mmb_label=2 mmb_flags=0
198.51.100.6:5436 > 198.51.100.1:5436 HB-REQ flags=- hb_seq=H
198.51.100.6:5436 > 198.51.100.1:5436 HB-RSP flags=R hb_seq=H restart=1
198.51.100.6:5436 > 198.51.100.1:5436 PBU seq=S flags=AHPF lifetime=900 hi=1 att=7 nai=mn1@example.com hoa_req=192.0.2.10/25 mmb_bid=2 mmb_att=7 mmb_label=2 mmb_flags=0 mag_id=MAG1
EOF
normalize "$dir/3g.pcap" >"$dir/3g.decoded"
same "pcap_mh: the 3g link's PBU has MMB bid 2, If-ATT 7 (3G), If-Label 2, MAG-ID MAG1; the PBA echoes it" \
    "$dir/expected" "$dir/3g.decoded"

# the LMA's view agrees with what went on the wire
timeout 20 "$PMIPLAB" exec "$lab/lma" pmipsh -c "show ipv6 mobile pmipv6 lma binding | json" \
    >"$dir/bindings.json" 2>&1
/usr/bin/python3 -c '
import json, sys
b = json.load(open(sys.argv[1]))
paths = sorted((p["bid"], p["label_id"], p["att"], p["coa"], p["mag"])
               for n in b["mobile_nodes"] for p in n["paths"])
sys.exit(paths != [(1, 1, "LTE", "198.51.100.2", "MAG1"), (2, 2, "3G", "198.51.100.6", "MAG1")])
' "$dir/bindings.json" && ok "the LMA holds the two bindings the captures show" ||
	not_ok "the LMA holds the two bindings the captures show" "$dir/bindings.json"

lab_logs_clean "$lab"

summary
