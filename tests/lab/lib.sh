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
