#!/bin/sh
# multipath.sh — PMIPv6 end to end in the multipath lab (topologies/
# multipath): the MAG registers the logical MN over both roaming
# interfaces, the LMA holds one binding per path; a roaming interface shut
# goes down at once on the MAG and within interval x (retries + 1) on the
# LMA while the other path stays up, and registers again when it comes
# back; an LMA that reloads keeps its leases and the MAG registers again;
# clear revokes; multipath off and bce maximum change what the LMA accepts.
#
# The lab runs under its own name (mp<pid>), so its namespaces are this
# test's; the trap removes them whatever happens.  Needs root (77 without).
set -u

PMIPLAB=${PMIPLAB:-./pmiplab}
top=${top_srcdir:-.}
. "$top/tests/lab/lib.sh"
dir=$(mktemp -d /tmp/pmipsim-mp.XXXXXX)
# what the routers save stays in the test's directory, not /var/lib/pmiplab
export PMIPLAB_SAVEDIR="$dir/saved"
lab="mp$$"

cleanup() {
	lab_down lma mag mn cn
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

needs_root

# path_states NODE: "label=STATE ..." of mn1 on that router, by label
path_states() {
	q "$1" "show ipv6 mobile pmipv6 $1 binding" \
	    '" ".join(sorted("%s=%s" % (p["label"], p["state"]) for m in d["mobile_nodes"] if m["nai"] == "mn1@example.com" for p in m["paths"]))'
}

# wait_for SECONDS DESC CMD...: polls CMD (every 0.2 s) until it succeeds;
# prints how long it took in $waited (tenths of seconds)
wait_for() {
	secs=$1
	desc=$2
	shift 2
	if poll "$secs" "$@"; then
		waited=$((polled * 2))
		ok "$desc ($((waited / 10)).$((waited % 10)) s)"
		return 0
	fi
	not_ok "$desc (not within $secs s)"
	return 1
}

# ---- the lab, under this test's own name ---------------------------------------
cp "$top"/topologies/multipath/*.cfg "$dir/"
sed "s/^name: multipath$/name: $lab/" "$top/topologies/multipath/multipath.clab.yml" \
    >"$dir/lab.clab.yml"
if timeout 60 "$PMIPLAB" up "$dir/lab.clab.yml" >"$dir/up" 2>&1; then
	ok "the lab comes up"
else
	not_ok "the lab comes up" "$dir/up"
	exit 1
fi

# ---- registration over both paths --------------------------------------------
wait_for 10 "the LMA holds two bindings for mn1, one per label, both up" \
    is 'path_states lma' "3g_intf=UP lte_intf=UP"
wait_for 5 "the MAG has both paths up" is 'path_states mag' "3g_intf=UP lte_intf=UP"
v=$(q lma "show ipv6 mobile pmipv6 lma binding" \
    '"%d %s %s %s" % (d["bindings"], d["mobile_nodes"][0]["hoa"], d["mobile_nodes"][0]["mobile_network"], " ".join(sorted("%s/%s/%s" % (p["bid"], p["att"], p["coa"]) for p in d["mobile_nodes"][0]["paths"])))')
[ "$v" = "2 192.0.2.10/25 192.0.2.128/28 1/LTE/198.51.100.2 2/3G/198.51.100.6" ] &&
    ok "LMA: 2 bindings, HoA 192.0.2.10/25, mobile network 192.0.2.128/28, bid/att/CoA per path" ||
    not_ok "LMA binding details: '$v'"
v=$(q mag "show ipv6 mobile pmipv6 mag binding" '"%s %s" % (d["mobile_nodes"][0]["hoa"], d["mobile_nodes"][0]["multipath"])')
[ "$v" = "192.0.2.10 True" ] && ok "MAG: HoA 192.0.2.10 from the LMA, multipath accepted" ||
    not_ok "MAG binding: '$v'"
run lma "show ipv6 mobile pmipv6 lma binding" >"$dir/text"
if grep -q "^\[Binding\]\[MN\]: Domain: D1, Nai: mn1@example.com$" "$dir/text" &&
    grep -q "^        \[Binding\]\[MN\]\[PEER[12]\]: Bid: 1, Label: lte_intf, Att: LTE$" "$dir/text" &&
    grep -q "^        \[Binding\]\[MN\]\[PEER[12]\]: Bid: 2, Label: 3g_intf, Att: 3G$" "$dir/text" &&
    grep -q "^Total number of bindings: 2$" "$dir/text"; then
	ok "show ipv6 mobile pmipv6 lma binding prints both bindings"
else
	not_ok "show ipv6 mobile pmipv6 lma binding" "$dir/text"
fi
run lma "show ipv6 mobile pmipv6 lma globals" >"$dir/text"
grep -q "^  Bindings *: 2$" "$dir/text" && ok "lma globals count the bindings live" ||
    not_ok "lma globals" "$dir/text"
v=$(q lma "show ipv6 mobile pmipv6 lma tunnel" '" ".join(sorted("%s:%s:%d" % (t["destination"], t["state"], t["bindings"]) for t in d[0]["tunnels"]))')
[ "$v" = "198.51.100.2:UP:1 198.51.100.6:UP:1" ] && ok "LMA: one tunnel per MAG path" ||
    not_ok "LMA tunnels: '$v'"

# ---- ping from the routers' consoles, over each path -------------------------------
for path in "Ethernet1/0 198.51.100.2" "Ethernet1/1 198.51.100.6"; do
	set -- $path
	run mag "ping 198.51.100.1 repeat 3 source $1" >"$dir/text" 2>&1
	if grep -q "^Packet sent with a source address of $2 $" "$dir/text" &&
	    grep -q "^!!!$" "$dir/text" &&
	    grep -q "^Success rate is 100 percent (3/3), round-trip min/avg/max = [0-9]*/[0-9]*/[0-9]* ms$" "$dir/text"; then
		ok "MAG pings the LMA from $1 ($2)"
	else
		not_ok "MAG pings the LMA from $1" "$dir/text"
	fi
done
run mag "traceroute 198.51.100.1 source Ethernet1/0" >"$dir/text" 2>&1
grep -q -E "^  1 198\.51\.100\.1 [0-9]+ msec [0-9]+ msec [0-9]+ msec$" "$dir/text" &&
    [ "$(grep -c '^ *[0-9]' "$dir/text")" = 1 ] &&
    ok "MAG: traceroute to the LMA is one hop, three answers" ||
    not_ok "MAG: traceroute to the LMA" "$dir/text"
run mag "show ip arp" >"$dir/text" 2>&1
if grep -q -E "^Internet  198\.51\.100\.1 +[0-9]+  [0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}  ARPA   Ethernet1/0$" "$dir/text" &&
    grep -q -E "^Internet  198\.51\.100\.1 +[0-9]+  [0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}  ARPA   Ethernet1/1$" "$dir/text" &&
    grep -q -E "^Internet  198\.51\.100\.2 +-  [0-9a-f.]{14}  ARPA   Ethernet1/0$" "$dir/text"; then
	ok "MAG: show ip arp has the LMA's address learned on each path, and its own"
else
	not_ok "MAG: show ip arp" "$dir/text"
fi
run lma "ping 198.51.100.6 repeat 2" >"$dir/text" 2>&1
grep -q "^Success rate is 100 percent (2/2)" "$dir/text" && ok "LMA pings the MAG's 3G address" ||
    not_ok "LMA pings the MAG's 3G address" "$dir/text"

# ---- what a trainee reads: every live show, as text -----------------------------
# The values that move on their own (times, lifetimes running down, sequence
# numbers, heartbeat and retransmission counts, which path got Tunnel0 on the
# LMA) are masked; the rest must be exactly multipath-shows.out, once
# heartbeats went both ways on both paths.
wait_for 12 "heartbeats answered both ways on both paths" is '
    q lma "show ipv6 mobile pmipv6 lma heartbeat" "len(d[0][\"paths\"]) == 2 and all(p[\"last_answer_age\"] >= 0 and \"restart_counter\" in p for p in d[0][\"paths\"])"
    q mag "show ipv6 mobile pmipv6 mag heartbeat" "len(d[0][\"paths\"]) == 2 and all(p[\"last_answer_age\"] >= 0 for p in d[0][\"paths\"])"' "True
True"
for n in lma mag; do
	for c in binding "binding detail" stats heartbeat tunnel globals; do
		echo "=== $n# show ipv6 mobile pmipv6 $n $c"
		run "$n" "show ipv6 mobile pmipv6 $n $c"
	done
done >"$dir/shows" 2>&1
/usr/bin/python3 - "$dir/shows" >"$dir/shows.masked" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
for pat, rep in ((r"Remaining: \d+", "Remaining: N"), (r"(Up|Registered): [\d:]+", r"\1: T"),
                 (r"last answer [\d:]+", "last answer T"), (r"([Ss]eq:?) \d+", r"\1 N"),
                 (r"Tunnel\d+", "TunnelN"),
                 (r"^(  (?:Heartbeat (?:req|resp)|PBU|PBA (?:sent|received|accepted))[^:]*: )\d+$", r"\1N")):
    text = re.sub(pat, rep, text, flags=re.M)
# the LMA numbers its tunnels in the order the paths registered: in that
# show, the tunnels in the order of their text
def tunnels(m):
    blocks = re.split(r"(?m)^(?=  TunnelN)", m.group(2))
    return m.group(1) + "".join(sorted(blocks))
text = re.sub(r"(?s)(=== lma# show ipv6 mobile pmipv6 lma tunnel\n.*?  Tunnels[^\n]*\n)(.*?)(?=-{50}\n=== )",
              tunnels, text)
sys.stdout.write(text)
PY
same "the live shows, as text (masked), are as multipath-shows.out says" \
    "$top/tests/lab/multipath-shows.out" "$dir/shows.masked"

# ---- mobile maps may change only while no binding exists (the feature document)
run mag "configure terminal" "ipv6 mobile pmipv6-domain D1" "mobile-map MAP1 10" \
    "set link-type 3g_intf lte_intf" "end" >"$dir/text" 2>&1
if grep -q "^% Mobile maps cannot be changed while bindings exist (2 bindings)$" "$dir/text" &&
    run mag "show running-config | section mobile-map MAP1 10" | grep -q "set link-type lte_intf 3g_intf$"; then
	ok "with bindings up, a mobile-map change is refused and the map is unchanged"
else
	not_ok "mobile-map change with bindings" "$dir/text"
fi

# ---- a roaming interface goes down, then comes back ---------------------------
run mag "configure terminal" "interface Ethernet1/0" "shutdown" "end" >/dev/null
wait_for 2 "MAG: lte_intf down at once (link state), 3g_intf up" \
    is 'path_states mag' "3g_intf=UP lte_intf=DOWN"
# heartbeat interval 5, retries 1 in the lab: 10 s at most, plus polling
wait_for 11 "LMA: lte_intf down within interval x (retries + 1), 3g_intf up" \
    is 'path_states lma' "3g_intf=UP lte_intf=DOWN"
v=$(path_states mag)
[ "$v" = "3g_intf=UP lte_intf=DOWN" ] && ok "MAG: 3g_intf stayed up" || not_ok "MAG paths: '$v'"
run mag "configure terminal" "interface Ethernet1/0" "no shutdown" "end" >/dev/null
wait_for 10 "MAG: lte_intf registered again" is 'path_states mag' "3g_intf=UP lte_intf=UP"
wait_for 5 "LMA: lte_intf up again" is 'path_states lma' "3g_intf=UP lte_intf=UP"
v=$(q lma "show ipv6 mobile pmipv6 lma stats" '"%d %d" % (d[0]["heartbeat_failures"], d[0]["bindings"])')
[ "$v" = "1 2" ] && ok "LMA stats: one heartbeat failure, two bindings" || not_ok "LMA stats: '$v'"
run lma "show logging" >"$dir/text"
grep -q "%PMIPV6-5-PATH_DOWN: LMA1: path to MAG MAG1 at 198.51.100.2 down" "$dir/text" &&
    ok "the LMA logs the path down" || not_ok "LMA log" "$dir/text"

# ---- leases survive the LMA's reload; the MAG registers again ---------------------
# a second logical MN gets the next address; the first goes away and frees
# 192.0.2.10; after the reload mn2 must get 192.0.2.11 back, not .10
run mag "configure terminal" "ipv6 mobile pmipv6-mag MAG1 domain D1" \
    "logical-mn mn2@example.com" "end" >/dev/null
mn2_hoa() {
	q lma "show ipv6 mobile pmipv6 lma binding nai mn2@example.com" \
	    '[m["hoa"] for m in d["mobile_nodes"]][0] if d["bindings"] == 2 else "none"'
}
wait_for 10 "mn2 registered over both paths with HoA 192.0.2.11/25" is mn2_hoa "192.0.2.11/25"
# mn1 deregistered: the LMA keeps its bindings and HoA MinDelayBeforeBCEDelete
# (10 s, RFC 5213 §5.3.5) in case a MAG registers it again; taken back
# within that time, it is registered again with the same HoA; left, it goes
mn1_state() {
	q lma "show ipv6 mobile pmipv6 lma binding nai mn1@example.com" \
	    '" ".join(" ".join([m["state"], m["hoa"]] + sorted("%s=%s" % (p["label"], p["state"]) for p in m["paths"])) for m in d["mobile_nodes"]) or "none"'
}
no_mn1() {
	run mag "configure terminal" "ipv6 mobile pmipv6-mag MAG1 domain D1" \
	    "no logical-mn mn1@example.com" "end" >/dev/null
}
no_mn1
wait_for 5 "the LMA holds mn1's deregistered bindings and HoA" \
    is mn1_state "BCE_DELETING 192.0.2.10/25 3g_intf=DELETING lte_intf=DELETING"
run mag "configure terminal" "ipv6 mobile pmipv6-mag MAG1 domain D1" \
    "logical-mn mn1@example.com" "mobile network Ethernet0/2" "end" >/dev/null
wait_for 5 "mn1 taken back within the delay: registered again, same HoA" \
    is mn1_state "BCE_ACTIVE 192.0.2.10/25 3g_intf=UP lte_intf=UP"
t0=$(date +%s%N)
no_mn1
wait_for 5 "mn1 deregistered again: held" \
    is mn1_state "BCE_DELETING 192.0.2.10/25 3g_intf=DELETING lte_intf=DELETING"
wait_for 15 "mn1's bindings deleted after the delay" \
    is 'q lma "show ipv6 mobile pmipv6 lma binding" "d[\"bindings\"]"' 2
held=$((($(date +%s%N) - t0) / 100000000))
[ "$held" -ge 90 ] && [ "$held" -le 130 ] &&
    ok "the LMA deleted them $((held / 10)).$((held % 10)) s after the deregistration (10 s)" ||
    not_ok "mn1 deleted $((held / 10)).$((held % 10)) s after the deregistration"
restart_before=$(q mag "show ipv6 mobile pmipv6 mag heartbeat" 'd[0]["lma_restart_counter"]')
printf 'y\n' | timeout 20 "$PMIPLAB" exec "$lab/lma" pmipsh -c "reload" >/dev/null 2>&1
sleep 1
wait_for 15 "after the LMA's reload the MAG registers mn2 again, with the same HoA" \
    is mn2_hoa "192.0.2.11/25"
restart_after=$(q mag "show ipv6 mobile pmipv6 mag heartbeat" 'd[0]["lma_restart_counter"]')
[ "$restart_after" = $((restart_before + 1)) ] &&
    ok "the MAG saw the LMA's restart counter go from $restart_before to $restart_after" ||
    not_ok "LMA restart counter seen by the MAG: $restart_before -> $restart_after"

# ---- clear revokes; the MAG registers again ---------------------------------------
path_states_mn2() {
	q lma "show ipv6 mobile pmipv6 lma binding nai mn2@example.com" \
	    '" ".join(sorted("%s=%s" % (p["label"], p["state"]) for m in d["mobile_nodes"] for p in m["paths"]))'
}
run lma "clear ipv6 mobile pmipv6 lma binding all" >/dev/null
wait_for 10 "after clear, mn2 is bound over both paths again" is path_states_mn2 "3g_intf=UP lte_intf=UP"
v=$(q lma "show ipv6 mobile pmipv6 lma stats" '"%d %d" % (d[0]["bri_sent"], d[0]["bra_received"])')
[ "$v" = "2 2" ] && ok "LMA: 2 revocations sent, 2 acknowledged" || not_ok "BRI/BRA: '$v'"

# ---- only the MAGs the LMA knows, by address or MAG Identifier -------------------
run lma "configure terminal" "ipv6 mobile pmipv6-lma LMA1 domain D1" "no dynamic mag learning" \
    "end" >/dev/null
run lma "clear ipv6 mobile pmipv6 lma binding all" >/dev/null
wait_for 10 "without dynamic mag learning an unknown MAG is refused (status 154)" \
    is 'q mag "show ipv6 mobile pmipv6 mag binding detail" "sorted(p[\"status\"] for p in d[\"mobile_nodes\"][0][\"paths\"])"' \
    "[154, 154]"
v=$(q lma "show ipv6 mobile pmipv6 lma stats" '"%d %d" % (d[0]["bindings"], d[0]["dropped_unauthorized"] > 0)')
[ "$v" = "0 1" ] && ok "the LMA counts the refused MAG and holds no binding" || not_ok "LMA refusing: '$v'"
run lma "configure terminal" "ipv6 mobile pmipv6-lma LMA1 domain D1" "mag MAG1 D1" "end" >/dev/null
run mag "clear ipv6 mobile pmipv6 mag binding all" >/dev/null
wait_for 10 "once configured by name (MAG Identifier), MAG1 is accepted again" \
    is path_states_mn2 "3g_intf=UP lte_intf=UP"

# ---- multipath off at the LMA: the second path replaces the first -------------------
run mag "debug ipv6 mobile pmipv6 all" >/dev/null
run lma "configure terminal" "ipv6 mobile pmipv6-lma LMA1 domain D1" "no multipath" "end" >/dev/null
run lma "clear ipv6 mobile pmipv6 lma binding all" >/dev/null
sleep 3
wait_for 10 "without multipath the LMA holds one binding for mn2" \
    is 'q lma "show ipv6 mobile pmipv6 lma binding" "d[\"bindings\"]"' 1
v=$(q mag "show ipv6 mobile pmipv6 mag binding" '"%s %d" % (d["mobile_nodes"][0]["multipath"], d["bindings"])')
[ "$v" = "False 1" ] && ok "the MAG falls back to one path" || { run mag "show logging" >"$dir/text"; not_ok "MAG without multipath: '$v'" "$dir/text"; }
sleep 1
v=$(q lma "show ipv6 mobile pmipv6 lma binding" '" ".join(p["coa"] for m in d["mobile_nodes"] for p in m["paths"])')
[ "$v" = "198.51.100.2" ] && ok "the LMA's binding is on the best-priority path (lte_intf)" ||
    not_ok "LMA binding without multipath on: '$v'"

# ---- bce maximum: exactly that many, the rest refused with status 130 ------------------
run lma "configure terminal" "ipv6 mobile pmipv6-lma LMA1 domain D1" "multipath" \
    "bce maximum 1" "end" >/dev/null
run mag "configure terminal" "ipv6 mobile pmipv6-mag MAG1 domain D1" \
    "logical-mn mn3@example.com" "end" >/dev/null
sleep 4
v=$(q lma "show ipv6 mobile pmipv6 lma binding" 'd["bindings"]')
[ "$v" = 1 ] && ok "bce maximum 1: the LMA holds exactly one binding" || not_ok "bindings with bce maximum 1: $v"
v=$(q lma "show ipv6 mobile pmipv6 lma stats" '[r["count"] > 0 for r in d[0]["rejected_by_status"] if r["status"] == 130]')
[ "$v" = "[True]" ] && ok "the refused registrations got status 130 (insufficient resources)" ||
    not_ok "status 130 count: $v"

# ---- the routers are still well -------------------------------------------------------
routers_answer lma mag

lab_logs_clean "$lab"

echo "multipath: $checks checks, $fails failed"
[ $fails -eq 0 ]
