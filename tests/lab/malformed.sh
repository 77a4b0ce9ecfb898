#!/bin/sh
# malformed.sh — malformed and hostile signaling against the LMA and the MAG
# of the multipath lab: each message is counted and dropped (or refused as
# the RFCs say), the daemons keep serving, and no binding changes.
#
# The lab is topologies/multipath, copied with a name of its own and one
# more node: atk, a host behind the LMA's Ethernet1/0 (eth4, 198.51.100.8/30)
# that reaches the LMA's address 198.51.100.1 as any host on the LMA's
# network could.  tests/lab/malformed.py (scapy) sends from atk to the LMA,
# and from the LMA's node (the only neighbour of the MAG's roaming links)
# to both MAG paths: from the LMA's address, and from its egress address
# 203.0.113.1, which is not the LMA's.  Cases: truncated messages, Header
# Len disagreeing with the datagram, payload proto not 59, unknown MH
# types (the LMA answers Binding Error status 2, at most 10 a second),
# unknown revocation type, options running past the end, known options
# with a wrong length, duplicate options, a bad prefix length, too many
# prefixes, oversized datagrams (2049, 4096, 65000 octets; 2048 is still
# answered), a flood of 5000, and well-formed hostile messages (see
# malformed.py).
#
# Before and after: show ... lma|mag stats | json and binding | json.
# Every counter must have moved by exactly what was sent (heartbeat
# counters by at least that: the routers' own heartbeats go on), the
# bindings must be the same (nodes, addresses, paths, sequence numbers,
# lifetimes running on, not reset), both pmipd must be the same processes,
# answer show commands and exchange heartbeats afterwards, and their logs
# must be free of sanitizer reports.
#
# Only documentation addresses; the lab's name carries this shell's pid and
# the trap removes it whatever happens.  Needs root and scapy under
# /usr/bin/python3 (77 without either).
set -u
LC_ALL=C
export LC_ALL

PMIPLAB=${PMIPLAB:-./pmiplab}
top_srcdir=${top_srcdir:-.}
. "$top_srcdir/tests/lab/lib.sh"
PY=/usr/bin/python3
MALFORMED=$top_srcdir/tests/lab/malformed.py
lab="malf$$"
dir=$(mktemp -d /tmp/pmipsim-malformed.XXXXXX)
# what the routers save stays in the test's directory, not /var/lib/pmiplab
export PMIPLAB_SAVEDIR="$dir/saved"
child=""

cleanup() {
	[ -n "$child" ] && kill "$child" 2>/dev/null
	[ -d "/run/pmiplab/$lab" ] && timeout 30 "$PMIPLAB" down "$lab" >/dev/null 2>&1
	for ns in "$lab-lma" "$lab-mag" "$lab-mn" "$lab-cn" "$lab-atk"; do
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
if ! "$PY" -c 'import scapy.layers.inet6' >/dev/null 2>&1; then
	echo "malformed: scapy is missing under $PY; skipped"
	exit 77
fi

# show NODE WHAT FILE: show ipv6 mobile pmipv6 NODE WHAT | json, into FILE
show() {
	timeout 20 "$PMIPLAB" exec "$lab/$1" pmipsh -c "show ipv6 mobile pmipv6 $1 $2 | json" >"$3" 2>&1
}

# json FILE EXPR: EXPR (Python, on the document d) is true
json() {
	"$PY" -c "import json, sys; d = json.load(open(sys.argv[1])); sys.exit(not ($2))" "$1"
}

# py OUT COMMAND...: runs a malformed.py step and counts its ok / not ok
# lines.  In the background, so that a signal reaches the trap at once and
# cleanup can stop it.
py() {
	out=$1
	shift
	"$@" >"$out" 2>&1 &
	child=$!
	wait "$child"
	rc=$?
	child=""
	cat "$out"
	n_ok=$(grep -c '^ok - ' "$out")
	n_bad=$(grep -c '^not ok - ' "$out")
	checks=$((checks + n_ok + n_bad))
	fails=$((fails + n_bad))
	if [ "$rc" != 0 ] && [ "$n_bad" = 0 ]; then
		not_ok "$* exited with status $rc"
	fi
}

alive() {
	tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q pmipd
}

# ---- the lab, with a host behind the LMA ------------------------------------------
src=$top_srcdir/topologies/multipath
awk -v lab="$lab" '
	/^name:/ { print "name: " lab; next }
	/^  links:/ {
		print "    # a host behind the LMA, for tests/lab/malformed.sh"
		print "    atk:"
		print "      kind: linux"
		print "      image: alpine:3"
		print "      exec:"
		print "        - ip addr add 198.51.100.10/30 dev eth1"
		print "        - ip route add 198.51.100.0/30 via 198.51.100.9"
	}
	{ print }
	END { print "    - endpoints: [\"lma:eth4\", \"atk:eth1\"]" }' \
    "$src/multipath.clab.yml" >"$dir/multipath.clab.yml"
awk '
	/^ip local pool/ {
		print "interface Ethernet1/0"
		print " description to atk, the test host"
		print " ip address 198.51.100.9 255.255.255.252"
		print "!"
	}
	{ print }' "$src/lma.cfg" >"$dir/lma.cfg"
cp "$src/mag.cfg" "$dir/mag.cfg"

if ! timeout 60 "$PMIPLAB" up "$dir/multipath.clab.yml" >"$dir/out" 2>&1; then
	not_ok "the lab comes up" "$dir/out"
	exit 1
fi
ok "the lab comes up"
lmapid=$(sed -n 's/^pid lma //p' "/run/pmiplab/$lab/state")
magpid=$(sed -n 's/^pid mag //p' "/run/pmiplab/$lab/state")

ready() {
	show lma stats "$dir/lma-stats0.json" && show mag stats "$dir/mag-stats0.json" &&
	json "$dir/lma-stats0.json" 'd[0]["bindings"] == 2 and d[0]["heartbeat_responses_received"] >= 2' &&
	json "$dir/mag-stats0.json" 'd[0]["bindings"] == 2 and d[0]["paths_up"] == 2 and d[0]["heartbeat_responses_received"] >= 2'
}
if poll 20 ready; then
	ok "both paths registered, heartbeats answered both ways"
else
	not_ok "both paths registered, heartbeats answered both ways"
	cat "$dir/lma-stats0.json" "$dir/mag-stats0.json"
	exit 1
fi
if timeout 10 "$PMIPLAB" exec "$lab/atk" ping -c 1 -W 2 198.51.100.1 >"$dir/out" 2>&1; then
	ok "atk reaches the LMA's address"
else
	not_ok "atk reaches the LMA's address" "$dir/out"
fi

show lma binding "$dir/lma-bind0.json"
show mag binding "$dir/mag-bind0.json"

# ---- the messages ------------------------------------------------------------------
start=$(date +%s)
py "$dir/lma.out" timeout 150 "$PMIPLAB" exec "$lab/atk" "$PY" "$MALFORMED" lma \
    --src 198.51.100.10 --dst 198.51.100.1 --udp-table "/proc/$lmapid/net/udp" \
    --bindings "$dir/lma-bind0.json" --out "$dir/lma-expect.json"
py "$dir/mag.out" timeout 150 "$PMIPLAB" exec "$lab/lma" "$PY" "$MALFORMED" mag \
    --src 198.51.100.1 --other-src 203.0.113.1 --dst 198.51.100.2,198.51.100.6 \
    --udp-table "/proc/$magpid/net/udp" --bindings "$dir/mag-bind0.json" \
    --out "$dir/mag-expect.json"
echo "# messages sent in $(($(date +%s) - start)) s"

# ---- what the routers counted ---------------------------------------------------------
counted() {
	show lma stats "$dir/lma-stats1.json" && show mag stats "$dir/mag-stats1.json" &&
	"$PY" "$MALFORMED" delta LMA "$dir/lma-stats0.json" "$dir/lma-stats1.json" \
	    "$dir/lma-expect.json" --quiet &&
	"$PY" "$MALFORMED" delta MAG "$dir/mag-stats0.json" "$dir/mag-stats1.json" \
	    "$dir/mag-expect.json" --quiet
}
if [ -f "$dir/lma-expect.json" ] && [ -f "$dir/mag-expect.json" ]; then
	poll 10 counted
	py "$dir/out" "$PY" "$MALFORMED" delta LMA "$dir/lma-stats0.json" "$dir/lma-stats1.json" \
	    "$dir/lma-expect.json"
	py "$dir/out" "$PY" "$MALFORMED" delta MAG "$dir/mag-stats0.json" "$dir/mag-stats1.json" \
	    "$dir/mag-expect.json"
else
	not_ok "malformed.py wrote what it expects"
fi

# ---- the bindings ------------------------------------------------------------------------
show lma binding "$dir/lma-bind1.json"
show mag binding "$dir/mag-bind1.json"
py "$dir/out" "$PY" "$MALFORMED" bindings LMA "$dir/lma-bind0.json" "$dir/lma-bind1.json"
py "$dir/out" "$PY" "$MALFORMED" bindings MAG "$dir/mag-bind0.json" "$dir/mag-bind1.json"

# ---- still serving -------------------------------------------------------------------------
for p in "$lmapid" "$magpid"; do
	alive "$p" && ok "pmipd $p is still running" || not_ok "pmipd $p is still running"
done
lma_hb=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))[0]["heartbeat_responses_received"])' \
    "$dir/lma-stats1.json" 2>/dev/null || echo 0)
mag_hb=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))[0]["heartbeat_responses_received"])' \
    "$dir/mag-stats1.json" 2>/dev/null || echo 0)
later() {
	show lma stats "$dir/lma-stats2.json" && show mag stats "$dir/mag-stats2.json" &&
	json "$dir/lma-stats2.json" "d[0]['heartbeat_responses_received'] >= $lma_hb + 2 and d[0]['heartbeat_failures'] == 0" &&
	json "$dir/mag-stats2.json" "d[0]['heartbeat_responses_received'] >= $mag_hb + 2 and d[0]['heartbeat_failures'] == 0 and d[0]['paths_up'] == 2"
}
if poll 20 later; then
	ok "afterwards both routers answer show commands and heartbeats go on, on both paths"
else
	not_ok "afterwards both routers answer show commands and heartbeats go on, on both paths"
	cat "$dir/lma-stats2.json" "$dir/mag-stats2.json"
fi

lab_logs_clean "$lab"

summary
