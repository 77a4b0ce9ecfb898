#!/bin/sh
# kill_write.sh — pmipd killed with SIGKILL while it saves the configuration.
#
# A pmipd in a network namespace of its own gets a large configuration
# (tests/bench/gen_config.sh 20000, pasted through pmipsh).  Then, many
# times: the host name is changed (the marker of this round), "write
# memory" is started, and pmipd is killed with -9 after a random delay
# spread over the time a save takes.  After each kill DIR/startup-config
# must be absent (only while nothing was ever saved) or, byte for byte, the
# whole configuration text as the first save wrote it with either the
# previous or the new host name: never a partial file.  When pmipsh had
# printed [OK] the new one is required.  pmipd is then restarted from that
# file and must show it (show startup-config) and run it (show
# running-config).
#
# Bounded: ROUNDS rounds (200), or fewer when DEADLINE seconds (600) pass;
# fewer than ROUNDS is a failure, as the point is the number of kills.
# Needs root (network namespaces) and python3.  Exit status: 0 pass, 1
# fail, 99 cannot run.
set -u

PMIPD=${PMIPD:-./pmipd}
PMIPSH=${PMIPSH:-./pmipsh}
top_srcdir=${top_srcdir:-.}
. "$top_srcdir/tests/lab/lib.sh"
ROUNDS=${ROUNDS:-200}
DEADLINE=${DEADLINE:-600}
PY=$(command -v python3)

dir=$(mktemp -d /tmp/pmipsim-killw.XXXXXX)
ns="pmipsim-kw$$"
pid=""
have_ns=""

cleanup() {
	if [ -n "$pid" ]; then
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	[ -n "$have_ns" ] && ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

[ -n "$PY" ] || { echo "kill_write: python3 is needed"; exit 99; }
ip netns add "$ns" || exit 99
have_ns=1
ip -n "$ns" link set lo up

start_pmipd() {
	ip netns exec "$ns" "$PMIPD" -d "$dir" -f >>"$dir/pmipd.log" 2>&1 &
	pid=$!
	i=0
	while ! "$PMIPSH" -s "$dir/pmipd.sock" -c "show privilege" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 200 ] || fail "pmipd did not start"
		kill -0 "$pid" 2>/dev/null || fail "pmipd exited at start"
		sleep 0.05
	done
}

paste_config() {
	{
		echo "terminal length 0"
		echo "enable"
		echo "configure terminal"
		cat "$dir/big.cfg"
		echo "end"
	} | "$PMIPSH" -s "$dir/pmipd.sock" >"$dir/paste.out" 2>&1 ||
		fail "pasting the configuration failed"
	if grep -q '^%' "$dir/paste.out"; then
		grep -B2 '^%' "$dir/paste.out" | head -20
		fail "the configuration did not paste cleanly"
	fi
}

# A random number of milliseconds in [0, max].
random_ms() {
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	echo $((r % ($1 + 1)))
}

ms_now() {
	date +%s%3N
}

# check_saved FILE OLD NEW MUST_BE_NEW: prints the saved host name, or
# "absent"; exit status 1 with a reason on anything else.  $dir/ref is the
# text of a complete save, its hostname line replaced by "hostname {}".
check_saved() {
	"$PY" - "$@" "$dir/ref" <<'EOF'
import os, sys
path, old, new, must_new, ref = sys.argv[1:6]
if not os.path.exists(path):
    if old != "-":
        sys.exit("startup-config vanished: the previous configuration is lost")
    if must_new == "1":
        sys.exit("pmipsh printed [OK] but nothing is saved")
    print("absent")
    sys.exit(0)
if os.path.exists(path + ".new") and must_new == "1":
    sys.exit("startup-config.new left behind after [OK]")
text = open(path, "rb").read()
template = open(ref, "rb").read()
allowed = [new] if must_new == "1" else [old, new]
for host in allowed:
    if host != "-" and text == template.replace(b"hostname {}", ("hostname " + host).encode(), 1):
        print(host)
        sys.exit(0)
first = next((i for i, (a, b) in enumerate(zip(text, template)) if a != b),
             min(len(text), len(template)))
sys.exit("saved file is neither configuration (hostname %s): %d bytes, the complete one %d; "
         "they part at byte %d" % (" or ".join(allowed), len(text), len(template), first))
EOF
}

sh "$top_srcdir/tests/bench/gen_config.sh" 20000 >"$dir/big.cfg" || exit 99
n_if=$(grep -c '^interface ' "$dir/big.cfg")

start_pmipd
paste_config

# how long a save takes here, to spread the kills over it
"$PMIPSH" -s "$dir/pmipd.sock" -c "configure terminal" -c "hostname KW-0" -c "end" >/dev/null ||
	fail "cannot set the host name"
t0=$(ms_now)
"$PMIPSH" -s "$dir/pmipd.sock" -c "write memory" >/dev/null || fail "write memory failed"
t1=$(ms_now)
span=$(((t1 - t0) * 3 / 2))
[ "$span" -ge 20 ] || span=20
# the reference: a complete save, whatever its host name
"$PY" -c '
import re, sys
t = open(sys.argv[1]).read()
t, n = re.subn(r"(?m)^hostname .*$", "hostname {}", t, count=1)
if n != 1:
    sys.exit("no hostname line in the saved configuration")
open(sys.argv[2], "w").write(t)' "$dir/startup-config" "$dir/ref" || fail "no reference save"
rm -f "$dir/startup-config"
echo "kill_write: a save takes $((t1 - t0)) ms; kills land 0..$span ms after it starts"

saved="-"		# host name in startup-config, "-" while none
start=$(date +%s)
round=0
n_ok=0 n_new=0 n_old=0 n_absent=0
while [ $round -lt "$ROUNDS" ] && [ $(($(date +%s) - start)) -lt "$DEADLINE" ]; do
	round=$((round + 1))
	new="KW-$round"
	"$PMIPSH" -s "$dir/pmipd.sock" -c "configure terminal" -c "hostname $new" -c "end" \
		>/dev/null || fail "round $round: cannot set the host name"
	delay=$(random_ms "$span")
	"$PMIPSH" -s "$dir/pmipd.sock" -c "write memory" >"$dir/write.out" 2>&1 &
	shpid=$!
	sleep "$((delay / 1000)).$(printf %03d $((delay % 1000)))"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	pid=""
	wait "$shpid" 2>/dev/null
	must_new=0
	if grep -q '^\[OK\]' "$dir/write.out"; then
		must_new=1
		n_ok=$((n_ok + 1))
	fi
	got=$(check_saved "$dir/startup-config" "$saved" "$new" "$must_new" 2>&1) ||
		fail "round $round (kill after $delay ms): $got"
	case "$got" in
	absent) n_absent=$((n_absent + 1)) ;;
	"$new") n_new=$((n_new + 1)) ;;
	*) n_old=$((n_old + 1)) ;;
	esac
	[ "$got" != absent ] && saved=$got

	start_pmipd
	if [ "$saved" = "-" ]; then
		"$PMIPSH" -s "$dir/pmipd.sock" -c "show startup-config" >"$dir/startup.out" 2>&1
		[ "$(cat "$dir/startup.out")" = "startup-config is not present" ] ||
			fail "round $round: nothing saved, yet show startup-config says: $(head -3 "$dir/startup.out")"
		# booted empty: the configuration is typed in again
		paste_config
		continue
	fi
	# the saved configuration is shown, and the router booted from it
	"$PMIPSH" -s "$dir/pmipd.sock" -c "show startup-config" \
		-c "show running-config | include ^hostname" \
		-c "show running-config | count ^interface" >"$dir/startup.out" 2>&1 ||
		fail "round $round: show startup-config failed: $(head -3 "$dir/startup.out")"
	head -1 "$dir/startup.out" | grep -q '^Using [0-9]* out of [0-9]* bytes$' ||
		fail "round $round: show startup-config starts with: $(head -1 "$dir/startup.out")"
	grep -qx "hostname $saved" "$dir/startup.out" ||
		fail "round $round: show startup-config has no \"hostname $saved\""
	[ "$(grep -c '^interface ' "$dir/startup.out")" = "$n_if" ] ||
		fail "round $round: show startup-config lacks interfaces"
	tail -3 "$dir/startup.out" >"$dir/tail.out"
	printf 'end\nhostname %s\nNumber of lines which match regexp = %s\n' "$saved" "$n_if" |
		cmp -s - "$dir/tail.out" ||
		fail "round $round: the router did not boot the saved configuration: $(cat "$dir/tail.out")"
done

echo "kill_write: $round rounds: $n_new new, $n_old previous, $n_absent absent;" \
	"[OK] printed before the kill in $n_ok"
[ $round -ge "$ROUNDS" ] || fail "only $round of $ROUNDS rounds in ${DEADLINE}s"
if sanitizer_report "$dir/pmipd.log"; then
	fail "pmipd reported a memory error"
fi
echo "kill_write: ok"
