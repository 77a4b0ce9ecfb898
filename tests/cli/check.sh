#!/bin/sh
# check.sh — pmipd --check: every error of a file reported as FILE:LINE:
# message in one pass, exit 1; a clean file passes silently with exit 0.
set -u
PMIPD=${PMIPD:-./pmipd}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT

"$PMIPD" --check "$here/check-errors.cfg" >"$out" 2>&1
rc=$?
[ $rc -eq 1 ] || { echo "check: exit status $rc for a file with errors, want 1"; cat "$out"; exit 1; }
sed "s|^$here/check-errors.cfg:|CHECK:|" "$out" | diff -u "$here/check-errors.expected" - ||
	{ echo "check: unexpected messages"; exit 1; }

# every seed configuration the transcripts build is a clean file
for cfg in "$here"/lifecycle.flash/lab2.cfg; do
	"$PMIPD" --check "$cfg" >"$out" 2>&1
	rc=$?
	[ $rc -eq 0 ] && [ ! -s "$out" ] || { echo "check: $cfg: status $rc"; cat "$out"; exit 1; }
done
# a file that does not exist is an error too
"$PMIPD" --check "$here/no-such-file.cfg" >"$out" 2>&1 && { echo "check: missing file passed"; exit 1; }
grep -q "no-such-file.cfg: No such file" "$out" || { echo "check: no reason given"; cat "$out"; exit 1; }
echo "check: ok"
