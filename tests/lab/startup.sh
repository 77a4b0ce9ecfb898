#!/bin/sh
# startup.sh — the text startup-config, as a router keeps it.
#
# pmipd in a network namespace of its own, each time:
#   - boots from DIR/startup-config; a bad line is logged with its file and
#     line number and the lines around it still load;
#   - with -C FILE boots from FILE, and write memory writes that same file:
#     exactly show running-config without its header and time lines, with
#     no FILE.new left; show startup-config prints it after the byte count;
#   - SIGHUP leaves it running; a kill -9 after write memory boots what was
#     saved;
#   - a -C FILE that is a bind mount (containerlab binds
#     /config/startup-config) is written in place, the mount kept;
#   - as a daemon, it logs to syslog: a private /dev/log in a mount
#     namespace of the test's own catches "%PMIPD-4-WARN: FILE:3: ..." and
#     the router's own events ("%SYS-5-CONFIG_I") at facility daemon.
# Needs root (namespaces) and python3.  TAP-style; exit status 0 when every
# check passed.
set -u

PMIPD=${PMIPD:-./pmipd}
PMIPSH=${PMIPSH:-./pmipsh}
top_srcdir=${top_srcdir:-.}
. "$top_srcdir/tests/lab/lib.sh"
needs_root
PY=$(command -v python3) || { echo "$me: python3 is needed"; exit 99; }
case $PMIPD in /*) ;; *) PMIPD=$(pwd)/$PMIPD ;; esac
case $PMIPSH in /*) ;; *) PMIPSH=$(pwd)/$PMIPSH ;; esac

dir=$(mktemp -d /tmp/pmipsim-startup.XXXXXX)
ns="pmipsim-su$$"
pid=""

cleanup() {
	if [ -n "$pid" ]; then
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ip netns add "$ns" || exit 99
ip -n "$ns" link set lo up

sh_c() {
	"$PMIPSH" -s "$dir/state/pmipd.sock" "$@"
}

# start [ARGS...]: pmipd -d $dir/state -f ARGS..., its stderr in $dir/err
start() {
	ip netns exec "$ns" "$PMIPD" -d "$dir/state" -f "$@" 2>"$dir/err" &
	pid=$!
	poll 10 sh_c -c "show privilege" || { cat "$dir/err"; fail "pmipd did not start"; }
}

stop() {
	kill "$pid"
	wait "$pid" 2>/dev/null
	pid=""
}

# the running configuration as write memory must save it: show
# running-config without its header and its time comments
running() {
	sh_c -c "enable" -c "terminal length 0" -c "show running-config" | "$PY" -c '
import re, sys
t = sys.stdin.read()
t = re.sub(r"\A.*?\nCurrent configuration : [0-9]+ bytes\n", "", t, flags=re.S)
t = re.sub(r"\A!\n(! (Last configuration change|NVRAM config last updated) at .*\n)+!\n", "!\n", t)
sys.stdout.write(t)'
}

mkdir -p "$dir/state"
cat >"$dir/state/startup-config" <<'EOF'
hostname SU1
interface Ethernet0/1
 bogus words here
 description kept after the bad line
ip access-list extended A
 permit tcp any any eq www
EOF

# --- boot from DIR/startup-config, a bad line reported
start
if grep -qx "pmipd: %PMIPD-4-WARN: $dir/state/startup-config:3: invalid input at \"bogus\" (column 2)" "$dir/err"; then
	ok "a bad line is logged with its file and line number"
else
	not_ok "a bad line is logged with its file and line number" "$dir/err"
fi
running >"$dir/run"
if grep -qx "hostname SU1" "$dir/run" && grep -qx " description kept after the bad line" "$dir/run" &&
    grep -qx " permit tcp any any eq www" "$dir/run"; then
	ok "the lines around a bad line load"
else
	not_ok "the lines around a bad line load" "$dir/run"
fi
sh_c -c "enable" -c "show startup-config" >"$dir/out"
{
	echo "Using $(wc -c <"$dir/state/startup-config" | tr -d ' ') out of 262144 bytes"
	cat "$dir/state/startup-config"
} >"$dir/want"
same "show startup-config prints the file after its byte count" "$dir/want" "$dir/out"
stop

# --- -C FILE: boot from it, write memory writes back to it
cp "$dir/state/startup-config" "$dir/lab.cfg"
rm "$dir/state/startup-config"
start -C "$dir/lab.cfg"
sh_c -c "enable" -c "configure terminal" -c "hostname SU2" -c "end" -c "write memory" >"$dir/out"
printf 'Enter configuration commands, one per line.  End with CNTL/Z.\nBuilding configuration...\n[OK]\n' >"$dir/want"
same "write memory with -C" "$dir/want" "$dir/out"
running >"$dir/run"
same "-C FILE gets exactly the running configuration" "$dir/run" "$dir/lab.cfg"
if [ -e "$dir/lab.cfg.new" ] || [ -e "$dir/state/startup-config" ]; then
	not_ok "nothing else is written: $(ls "$dir" "$dir/state" | tr '\n' ' ')"
else
	ok "nothing else is written"
fi

# --- SIGHUP: pmipd goes on
kill -HUP "$pid"
sleep 0.3
if kill -0 "$pid" 2>/dev/null && sh_c -c "show privilege" >/dev/null 2>&1; then
	ok "SIGHUP leaves pmipd running"
else
	not_ok "SIGHUP leaves pmipd running" "$dir/err"
fi

# --- kill -9 after write memory: the saved configuration boots
sh_c -c "enable" -c "configure terminal" -c "hostname SU3" -c "end" -c "write memory" >/dev/null
sh_c -c "enable" -c "configure terminal" -c "hostname UNSAVED" -c "end" >/dev/null
kill -9 "$pid"
wait "$pid" 2>/dev/null
pid=""
start -C "$dir/lab.cfg"
running >"$dir/run"
if grep -qx "hostname SU3" "$dir/run"; then
	ok "after kill -9 the router boots what was saved"
else
	not_ok "after kill -9 the router boots what was saved" "$dir/run"
fi
if [ -s "$dir/err" ]; then
	not_ok "a saved configuration boots without a complaint" "$dir/err"
else
	ok "a saved configuration boots without a complaint"
fi
stop

# --- without -C: DIR/startup-config is written
start
sh_c -c "enable" -c "configure terminal" -c "hostname SU4" -c "end" -c "write memory" >/dev/null
running >"$dir/run"
same "write memory without -C writes DIR/startup-config" "$dir/run" "$dir/state/startup-config"
stop

# --- a bind-mounted -C FILE is rewritten in place
printf 'hostname SU5\n' >"$dir/real.cfg"
: >"$dir/mnt.cfg"
cat >"$dir/bind.sh" <<EOF
set -u
mount --bind "$dir/real.cfg" "$dir/mnt.cfg" || exit 99
"$PMIPD" -d "$dir/state" -f -C "$dir/mnt.cfg" 2>"$dir/err" &
p=\$!
i=0
while ! "$PMIPSH" -s "$dir/state/pmipd.sock" -c "show privilege" >/dev/null 2>&1; do
	i=\$((i + 1)); [ \$i -lt 100 ] || { kill \$p; exit 1; }
	sleep 0.1
done
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "enable" -c "configure terminal" \
	-c "interface Ethernet0/2" -c "description bound" -c "end" -c "write memory" >"$dir/out"
kill \$p
wait \$p
EOF
ip netns exec "$ns" unshare -m sh "$dir/bind.sh"
if grep -qx "\[OK\]" "$dir/out" && grep -qx "hostname SU5" "$dir/real.cfg" &&
    grep -qx " description bound" "$dir/real.cfg"; then
	ok "a bind-mounted startup-config is written in place"
else
	not_ok "a bind-mounted startup-config is written in place" "$dir/out"
	cat "$dir/err" "$dir/real.cfg" | sed 's/^/    /'
fi

# --- a daemon logs to syslog
printf 'hostname SU6\nbogus\n' >"$dir/state/startup-config"
cat >"$dir/listen.py" <<'EOF'
import socket, sys, time
path, out = sys.argv[1:3]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
open(out + ".ready", "w").close()
deadline = time.time() + 15
seen = set()
with open(out, "w") as f:
    while time.time() < deadline and len(seen) < 2:
        s.settimeout(max(0.1, deadline - time.time()))
        try:
            msg = s.recv(4096).decode(errors="replace")
        except socket.timeout:
            break
        f.write(msg + "\n")
        f.flush()
        for key in ("%PMIPD-4-WARN", "%SYS-5-CONFIG_I"):
            if key in msg:
                seen.add(key)
EOF
cat >"$dir/daemon.sh" <<EOF
set -u
fake="$dir/dev"
mkdir -p "\$fake"
mount -t tmpfs none "\$fake" || exit 99
for n in null zero random urandom; do
	: >"\$fake/\$n"
	mount --bind "/dev/\$n" "\$fake/\$n" || exit 99
done
"$PY" "$dir/listen.py" "\$fake/log" "$dir/syslog" &
lp=\$!
i=0
while [ ! -e "$dir/syslog.ready" ]; do
	i=\$((i + 1)); [ \$i -lt 100 ] || exit 1
	sleep 0.05
done
mount --rbind "\$fake" /dev || exit 99
"$PMIPD" -d "$dir/state" || exit 1
i=0
while ! "$PMIPSH" -s "$dir/state/pmipd.sock" -c "show privilege" >/dev/null 2>&1; do
	i=\$((i + 1)); [ \$i -lt 100 ] || break
	sleep 0.1
done
"$PMIPSH" -s "$dir/state/pmipd.sock" -c "enable" -c "configure terminal" -c "end" >/dev/null
wait \$lp
kill "\$(cat "$dir/state/pmipd.pid")"
EOF
rm -f "$dir/state/pmipd.pid"
ip netns exec "$ns" unshare -m sh "$dir/daemon.sh"
dpid=$(cat "$dir/state/pmipd.pid" 2>/dev/null)
if grep -qx "<28>.* pmipd\[$dpid\]: %PMIPD-4-WARN: $dir/state/startup-config:2: invalid input at \"bogus\" (column 1)" "$dir/syslog"; then
	ok "a daemon logs its warnings to syslog, facility daemon"
else
	not_ok "a daemon logs its warnings to syslog, facility daemon" "$dir/syslog"
fi
if grep -qx "<29>.* pmipd\[$dpid\]: %SYS-5-CONFIG_I: Configured from console by vty0 (local)" "$dir/syslog"; then
	ok "a daemon logs router events to syslog without their timestamp"
else
	not_ok "a daemon logs router events to syslog without their timestamp" "$dir/syslog"
fi

summary
