#!/bin/sh
# pmiplab.sh — pmiplab end to end: check, up, exec, console environment,
# status, down, and the ways up can fail.
#
# Writes a small topology into a temporary directory: two routers (one
# cisco_iol with startup-config:, one linux pmipsim image with the config
# bound to /config/startup-config) and one linux host whose exec lines give
# it an address and a route.  Only documentation addresses go on the links.
# Every lab name carries this shell's pid, so the namespaces are this test's
# own; the trap removes them whatever happens.  Needs root (exit 77 without).
set -u

PMIPLAB=${PMIPLAB:-./pmiplab}
PMIPSH=${PMIPSH:-./pmipsh}
top_srcdir=${top_srcdir:-.}
. "$top_srcdir/tests/lab/lib.sh"
dir=$(mktemp -d /tmp/pmiplab-test.XXXXXX)
# what the routers save stays in the test's directory, not /var/lib/pmiplab
export PMIPLAB_SAVEDIR="$dir/saved"
lab="pmiplabt$$"
labs="$lab ${lab}f ${lab}k"

cleanup() {
	for l in $labs; do
		[ -d "/run/pmiplab/$l" ] && timeout 30 "$PMIPLAB" down "$l" >/dev/null 2>&1
		# if pmiplab itself is what broke: only this test's namespaces
		for ns in "$l-r1" "$l-r2" "$l-h1"; do
			if [ -e "/run/netns/$ns" ]; then
				for p in $(ip netns pids "$ns" 2>/dev/null); do
					kill -9 "$p" 2>/dev/null
				done
				ip netns del "$ns" 2>/dev/null
			fi
		done
		rm -rf "/run/pmiplab/$l"
	done
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

needs_root

# expect NAME COMMAND...: the command exits 0
expect() {
	name=$1
	shift
	if "$@" >"$dir/out" 2>&1; then ok "$name"; else not_ok "$name" "$dir/out"; fi
}

# expect_fail NAME COMMAND...: the command exits non-zero
expect_fail() {
	name=$1
	shift
	if "$@" >"$dir/out" 2>&1; then not_ok "$name (it succeeded)" "$dir/out"; else ok "$name"; fi
}

# Is pid a live process (not gone, not a zombie)?
alive() {
	[ -r "/proc/$1/cmdline" ] && [ -n "$(tr -d '\0' <"/proc/$1/cmdline" 2>/dev/null)" ]
}

# nothing_left LAB PIDS...: no namespace, process or state of LAB remains
nothing_left() {
	l=$1
	shift
	left=""
	for ns in "$l-r1" "$l-r2" "$l-h1"; do
		[ -e "/run/netns/$ns" ] && left="$left namespace $ns;"
	done
	for p in "$@"; do
		alive "$p" && left="$left process $p;"
	done
	[ -e "/run/pmiplab/$l" ] && left="$left /run/pmiplab/$l;"
	if [ -z "$left" ]; then ok "nothing of $l is left"; else not_ok "left behind:$left"; fi
}

# ---- the topology ------------------------------------------------------
mkdir -p "$dir/configs"
cat >"$dir/configs/r1.cfg" <<'EOF'
hostname R1
interface Ethernet0/1
 description to h1
 ip address 192.0.2.1 255.255.255.0
 ipv6 address 2001:db8:1::1/64
 no shutdown
interface Ethernet0/2
 ip address 198.51.100.1 255.255.255.0
 no shutdown
EOF
cat >"$dir/configs/r2.cfg" <<'EOF'
hostname R2
interface Ethernet0/1
 ip address 198.51.100.2 255.255.255.0
 no shutdown
interface Ethernet0/2
 ip address 203.0.113.2 255.255.255.0
 no shutdown
EOF
cat >"$dir/lab.clab.yml" <<EOF
# pmiplab test lab
name: $lab
topology:
  kinds:
    cisco_iol:
      image: pmipsim:latest
  defaults:
    env:
      GREETING: hello
  nodes:
    r1:
      kind: cisco_iol
      startup-config: configs/r1.cfg
    r2:
      kind: linux
      image: pmipsim:latest
      binds:
        - configs/__clabNodeName__.cfg:/config/startup-config:ro
    h1:
      kind: linux
      image: alpine:3
      env:
        GREETING: hi
      exec:
        - ip addr add 192.0.2.10/24 dev eth1
        - ip route add 198.51.100.0/24 via 192.0.2.1
  links:
    - endpoints: ["r1:Ethernet0/1", "h1:eth1"]
    - type: veth
      endpoints:
        - node: r1
          interface: e0/2
          mac: "02:00:5e:00:01:02"
        - node: r2
          interface: eth1
          mac: "02:00:5e:00:02:01"
    - endpoints: ["r2:eth2", "h1:eth2"]
EOF

# ---- the topology against containerlab's schema ---------------------------
schema=$top_srcdir/../shared/reference/schemas/clab.schema.json
[ -f "$schema" ] || schema=/work/shared/reference/schemas/clab.schema.json
if [ -f "$schema" ] && /usr/bin/python3 -c 'import jsonschema, yaml' 2>/dev/null; then
	expect "the test topology is valid under containerlab's schema" /usr/bin/python3 -c '
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
errors = list(jsonschema.Draft7Validator(schema).iter_errors(yaml.safe_load(open(sys.argv[2]))))
for e in errors:
    print(e.message)
sys.exit(1 if errors else 0)' "$schema" "$dir/lab.clab.yml"
else
	echo "# no schema or no python3-jsonschema: schema validation skipped"
fi

# ---- check ------------------------------------------------------------------
expect "check accepts the topology" "$PMIPLAB" check "$dir/lab.clab.yml"
echo "$dir/lab.clab.yml: lab $lab: 3 nodes (2 routers), 3 links: ok" >"$dir/expected"
same "check says what it read" "$dir/expected" "$dir/out"

# ---- up ---------------------------------------------------------------------
expect "up" timeout 60 "$PMIPLAB" up "$dir/lab.clab.yml"
pids=$(sed -n 's/^pid [^ ]* //p' "/run/pmiplab/$lab/state" 2>/dev/null)
[ "$(echo $pids | wc -w)" = 2 ] && ok "two pmipd pids recorded" || not_ok "pmipd pids recorded: '$pids'"

for ns in "$lab-r1" "$lab-r2" "$lab-h1"; do
	[ -e "/run/netns/$ns" ] && ok "namespace $ns exists" || not_ok "namespace $ns exists"
	expect "lo is up in $ns" sh -c "ip -n $ns -o link show lo | grep -q 'state UNKNOWN\|,UP'"
done
for ep in r1:eth1 r1:eth2 r2:eth1 r2:eth2 h1:eth1 h1:eth2; do
	expect "interface $ep exists and is up" sh -c \
	    "ip -n $lab-${ep%%:*} -o link show dev ${ep#*:} | grep -q ',UP'"
done
expect "r1:eth2 has the MAC of the topology" sh -c \
    "ip -n $lab-r1 -o link show dev eth2 | grep -q 'link/ether 02:00:5e:00:01:02 '"
expect "no eth3 was made on r1" sh -c "! ip -n $lab-r1 link show dev eth3 2>/dev/null"

# ---- the routers answer through pmiplab exec ---------------------------------
expect "r1 answers pmipsh through pmiplab exec" \
    timeout 20 "$PMIPLAB" exec "$lab/r1" pmipsh -c "show ip interface brief"
cat >"$dir/expected" <<'EOF'
Interface                  IP-Address      OK? Method Status                Protocol
Ethernet0/1                192.0.2.1       YES NVRAM  up                    up
Ethernet0/2                198.51.100.1    YES NVRAM  up                    up
EOF
same "r1 runs its startup-config" "$dir/expected" "$dir/out"
expect "r2 answers, named without its lab" \
    timeout 20 "$PMIPLAB" exec r2 pmipsh -c "show ip interface brief"
cat >"$dir/expected" <<'EOF'
Interface                  IP-Address      OK? Method Status                Protocol
Ethernet0/1                198.51.100.2    YES NVRAM  up                    up
Ethernet0/2                203.0.113.2     YES NVRAM  up                    up
EOF
same "r2 runs the config bound to /config/startup-config" "$dir/expected" "$dir/out"
expect "the console of r2 is its pmipsh" sh -c \
    "printf 'enable\\nshow running-config | include hostname\\n' | timeout 20 $PMIPLAB console $lab/r2"
grep -q '^hostname R2$' "$dir/out" && ok "the console reached R2" || not_ok "the console reached R2" "$dir/out"

# ---- write memory in a lab: kept beside the lab, never in the topology -------
cp "$dir/configs/r1.cfg" "$dir/r1.shipped"
expect "write memory on r1" timeout 20 "$PMIPLAB" exec "$lab/r1" pmipsh -c "enable" \
    -c "configure terminal" -c "hostname R1-SAVED" -c "end" -c "write memory"
grep -qx '\[OK\]' "$dir/out" && ok "r1 saved" || not_ok "r1 saved" "$dir/out"
cmp -s "$dir/r1.shipped" "$dir/configs/r1.cfg" && ok "the topology's r1.cfg is unchanged" ||
	not_ok "the topology's r1.cfg is unchanged" "$dir/configs/r1.cfg"
grep -qx 'hostname R1-SAVED' "$dir/saved/$lab/r1/startup-config" &&
	ok "r1's save is in PMIPLAB_SAVEDIR/LAB/r1/startup-config" ||
	not_ok "r1's save is in PMIPLAB_SAVEDIR/LAB/r1/startup-config"

# ---- the host -----------------------------------------------------------------
expect "h1's environment: env merged, CLAB_INTFS" \
    "$PMIPLAB" exec "$lab/h1" sh -c 'echo "$GREETING $CLAB_INTFS"'
echo "hi 2" >"$dir/expected"
same "h1's environment has the node's env over the defaults" "$dir/expected" "$dir/out"
expect "h1 got its address from its exec lines" sh -c \
    "ip -n $lab-h1 -o addr show dev eth1 | grep -q 'inet 192.0.2.10/24'"
expect "h1 got its route from its exec lines" sh -c \
    "ip -n $lab-h1 route show 198.51.100.0/24 | grep -q 'via 192.0.2.1'"
expect "h1 pings r1 over their link" timeout 10 "$PMIPLAB" exec "$lab/h1" ping -c 2 -W 1 192.0.2.1
expect "r1 pings r2 over their link" timeout 10 "$PMIPLAB" exec "$lab/r1" ping -c 2 -W 1 198.51.100.2

# ---- status -------------------------------------------------------------------
expect "status says all is well" "$PMIPLAB" status "$dir/lab.clab.yml"
for p in $pids; do
	grep -q " $p alive\$" "$dir/out" && ok "status shows pmipd $p alive" ||
		not_ok "status shows pmipd $p alive" "$dir/out"
done
grep -q "^  h1  *linux  *$lab-h1  *-\$" "$dir/out" && ok "status shows the host" ||
	not_ok "status shows the host" "$dir/out"
for l in "r1:eth1 -- h1:eth1  up/up" "r1:eth2 -- r2:eth1  up/up" "r2:eth2 -- h1:eth2  up/up"; do
	grep -qF "  $l" "$dir/out" && ok "status shows $l" || not_ok "status shows $l" "$dir/out"
done
expect "status without a file lists the lab" sh -c "$PMIPLAB status | grep -q '^lab $lab '"

expect_fail "a second up of the same lab fails" "$PMIPLAB" up "$dir/lab.clab.yml"
grep -q "lab $lab is already up" "$dir/out" && ok "and says the lab is already up" ||
	not_ok "and says the lab is already up" "$dir/out"

lab_logs_clean "$lab"

# ---- down ------------------------------------------------------------------------
expect "down" timeout 60 "$PMIPLAB" down "$dir/lab.clab.yml"
# pmipd was reparented when pmiplab exited: give init a moment to reap
for i in 1 2 3 4 5 6 7 8 9 10; do
	still=""
	for p in $pids; do alive "$p" && still="$still $p"; done
	[ -z "$still" ] && break
	sleep 0.2
done
nothing_left "$lab" $pids
expect "status afterwards has no such lab" sh -c "! $PMIPLAB status $lab"

# ---- a second up keeps what was saved; up --reset starts from the topology ----
hostname_of_r1() {
	timeout 20 "$PMIPLAB" exec "$lab/r1" pmipsh -c "show running-config | include ^hostname"
}
expect "up again" timeout 60 "$PMIPLAB" up "$dir/lab.clab.yml"
grep -q "^node r1: runs the configuration it saved before" "$dir/out" &&
	ok "up says r1 runs what it saved" || not_ok "up says r1 runs what it saved" "$dir/out"
[ "$(hostname_of_r1)" = "hostname R1-SAVED" ] && ok "a second up runs what r1 saved" ||
	not_ok "a second up runs what r1 saved: $(hostname_of_r1)"
expect "down" timeout 60 "$PMIPLAB" down "$lab"
expect "up --reset" timeout 60 "$PMIPLAB" up --reset "$dir/lab.clab.yml"
[ "$(hostname_of_r1)" = "hostname R1" ] && ok "up --reset runs the topology's r1.cfg" ||
	not_ok "up --reset runs the topology's r1.cfg: $(hostname_of_r1)"
expect "down --cleanup" timeout 60 "$PMIPLAB" down --cleanup "$lab"
[ ! -e "$dir/saved/$lab" ] && ok "down --cleanup removes what the routers saved" ||
	not_ok "down --cleanup removes what the routers saved"

# ---- a broken link endpoint is reported with its line --------------------------------
sed -e 's/"r2:eth2", "h1:eth2"/"r2:eth2", "h7:eth2"/' -e "s/^name: .*/name: ${lab}k/" \
    "$dir/lab.clab.yml" >"$dir/broken.clab.yml"
line=$(grep -n '"h7:eth2"' "$dir/broken.clab.yml" | cut -d: -f1)
expect_fail "check rejects a link to an unknown node" "$PMIPLAB" check "$dir/broken.clab.yml"
echo "$dir/broken.clab.yml:$line: endpoint h7:eth2: node 'h7' is not defined in topology.nodes" >"$dir/expected"
same "check names the file and line of the endpoint" "$dir/expected" "$dir/out"
expect_fail "up refuses the broken topology" "$PMIPLAB" up "$dir/broken.clab.yml"
nothing_left "${lab}k"

# ---- a failing exec line fails up and leaves nothing -------------------------------
sed -e 's|ip route add 198.51.100.0/24 via 192.0.2.1|sh -c "exit 7"|' -e "s/^name: .*/name: ${lab}f/" \
    "$dir/lab.clab.yml" >"$dir/failing.clab.yml"
expect_fail "up fails on a failing exec line" timeout 60 "$PMIPLAB" up "$dir/failing.clab.yml"
grep -q 'node h1: exec line 2 failed with status 7' "$dir/out" && ok "and says which line failed" ||
	not_ok "and says which line failed" "$dir/out"
nothing_left "${lab}f"

# ---- down after an up that died half-way -------------------------------------------
# The exec line's parent is pmiplab itself: killing it leaves the lab made
# but pmiplab gone, as a crash or a kill -9 would.
sed -e 's|ip route add 198.51.100.0/24 via 192.0.2.1|kill -9 $PPID|' -e "s/^name: .*/name: ${lab}f/" \
    "$dir/lab.clab.yml" >"$dir/killed.clab.yml"
expect_fail "an up killed half-way" timeout 60 "$PMIPLAB" up "$dir/killed.clab.yml"
kpids=$(sed -n 's/^pid [^ ]* //p' "/run/pmiplab/${lab}f/state" 2>/dev/null)
[ -e "/run/netns/${lab}f-h1" ] && ok "left its namespaces behind" || not_ok "left its namespaces behind"
expect "down removes what the killed up made" timeout 60 "$PMIPLAB" down "$dir/killed.clab.yml"
for i in 1 2 3 4 5 6 7 8 9 10; do
	still=""
	for p in $kpids; do alive "$p" && still="$still $p"; done
	[ -z "$still" ] && break
	sleep 0.2
done
nothing_left "${lab}f" $kpids

summary
