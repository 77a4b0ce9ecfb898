# lib.sh — the helpers the lab tests share; POSIX sh, sourced by each of
# them with . "$top_srcdir/tests/lab/lib.sh".
#
# $me is the test's name (its file name without .sh), for its messages.
# The TAP-style tests count their checks in $checks and $fails:
#   ok NAME, not_ok NAME [FILE]  one "ok - " / "not ok - " line each
#   same NAME EXPECTED ACTUAL    ok when the two files are equal, else a diff
#   poll SECONDS COMMAND...      waits for COMMAND to succeed
#   needs_root                   skips the test (77) without root
#   lab_logs_clean LAB           ok when LAB's pmipd logs hold no sanitizer
#                                report
#   summary                      "N passed, M failed"; true when none failed
# The tests that stop at their first failure use fail WHY, and
# sanitizer_report FILE... on their own pmipd's log.
# The tests of a pmiplab lab ($PMIPLAB, named $lab, files in $dir):
#   run NODE CMD...              pmipsh -c CMD... on the node's router
#   q NODE SHOWCMD EXPR          a Python expression over SHOWCMD | json
#   is EXPR VALUE                the shell expression EXPR prints VALUE
#   lab_down NODE...             the lab and its nodes' namespaces gone
#   routers_answer NODE...       ok when each router still answers

me=${0##*/}
me=${me%.sh}
checks=0
fails=0

ok() {
	checks=$((checks + 1))
	echo "ok - $1"
}

# not_ok NAME [FILE]: FILE, if there is one, follows indented
not_ok() {
	checks=$((checks + 1))
	fails=$((fails + 1))
	echo "not ok - $1"
	[ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/    /' "$2"
}

# same NAME EXPECTED ACTUAL: the two files are equal
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diff -u "$2" "$3" | sed 's/^/    /'
	fi
}

# poll SECONDS COMMAND...: runs COMMAND (quietly) every 0.2 s until it
# succeeds, SECONDS x 5 times at most; $polled is how many times it failed
# before that
poll() {
	n=$(($1 * 5))
	shift
	polled=0
	while [ "$polled" -lt "$n" ]; do
		"$@" >/dev/null 2>&1 && return 0
		polled=$((polled + 1))
		sleep 0.2
	done
	return 1
}

needs_root() {
	if [ "$(id -u)" != 0 ]; then
		echo "$me: needs root for network namespaces; skipped"
		exit 77
	fi
}

# sanitizer_report FILE...: one of the pmipd logs FILE... holds an
# AddressSanitizer, LeakSanitizer or UBSan (runtime error) report
sanitizer_report() {
	grep -q -E 'AddressSanitizer|LeakSanitizer|runtime error' "$@"
}

# lab_logs_clean LAB: the logs of LAB's pmipd, printed when not clean
lab_logs_clean() {
	if sanitizer_report /run/pmiplab/"$1"/*/pmipd.log; then
		not_ok "the pmipd logs are free of sanitizer reports"
		cat /run/pmiplab/"$1"/*/pmipd.log
	else
		ok "the pmipd logs are free of sanitizer reports"
	fi
}

# summary: the last command of a TAP-style test, its exit status
summary() {
	echo "$((checks - fails)) passed, $fails failed"
	[ "$fails" = 0 ]
}

# fail WHY: the test ends here, failed, with WHY and the end of
# $dir/pmipd.log
fail() {
	echo "$me: FAIL: $*"
	[ -f "$dir/pmipd.log" ] && { echo "--- pmipd log:"; tail -20 "$dir/pmipd.log"; }
	exit 1
}

run() {
	node=$1
	shift
	args=""
	for c in "$@"; do
		args="$args -c \"$c\""
	done
	eval "timeout 20 \"$PMIPLAB\" exec \"$lab/$node\" pmipsh $args"
}

# q NODE SHOWCMD EXPR: evaluates the Python expression EXPR on the JSON of
# "SHOWCMD | json" (as d) and prints the result
q() {
	run "$1" "$2 | json" >"$dir/json" 2>&1
	/usr/bin/python3 -c '
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    print(eval(sys.argv[2]))
except Exception as e:
    print("error: %s" % e)' "$dir/json" "$3"
}

is() { [ "$(eval "$1")" = "$2" ]; }

# lab_down NODE...: takes the lab down, then kills what is left in its
# nodes' namespaces and removes them (a test's trap, whatever happened)
lab_down() {
	[ -d "/run/pmiplab/$lab" ] && timeout 30 "$PMIPLAB" down "$lab" >/dev/null 2>&1
	for n in "$@"; do
		if [ -e "/run/netns/$lab-$n" ]; then
			for p in $(ip netns pids "$lab-$n" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
			ip netns del "$lab-$n" 2>/dev/null
		fi
	done
	rm -rf "/run/pmiplab/$lab"
}

routers_answer() {
	for n in "$@"; do
		run "$n" "show version" >"$dir/text" 2>&1 && grep -q "uptime" "$dir/text" &&
		    ok "$n still answers" || not_ok "$n still answers" "$dir/text"
	done
}
