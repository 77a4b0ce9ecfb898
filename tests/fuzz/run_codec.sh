#!/bin/sh
# run_codec.sh — run the codec's libFuzzer target (tests/fuzz/fuzz_codec.c)
# for a bounded time on a copy of the seed corpus tests/fuzz/corpus/codec/,
# so that what it discovers never lands in the source tree.  Fails when the
# fuzzer stops on a crash, a sanitizer report, a leak, a timeout or memory
# exhaustion; the input that did it is kept in tests/fuzz/artifacts/ and
# printed in hex.  Skipped (77) when configure found no clang.
#
#   FUZZ_TIME   seconds to run (default 20)
set -u

if [ -z "${CLANG:-}" ]; then
	echo "clang not found: libFuzzer target not built"
	exit 77
fi
fuzzer=${top_builddir:-.}/tests/fuzz/fuzz_codec
seeds=${top_srcdir:-.}/tests/fuzz/corpus/codec
if [ ! -x "$fuzzer" ]; then
	echo "$fuzzer: not built"
	exit 99
fi

dir=$(mktemp -d /tmp/pmipsim-fuzz.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir "$dir/corpus" "$dir/artifacts"
cp "$seeds"/* "$dir/corpus/" || exit 99

# -max_len above the largest Mobility Header (2048), so that the Header Len
# checks see oversized input too
"$fuzzer" -max_total_time="${FUZZ_TIME:-20}" -timeout=10 -rss_limit_mb=1024 \
	-malloc_limit_mb=256 -max_len=4096 -print_final_stats=1 \
	-artifact_prefix="$dir/artifacts/" "$dir/corpus"
rc=$?
if [ "$rc" -ne 0 ]; then
	keep=${top_builddir:-.}/tests/fuzz/artifacts
	mkdir -p "$keep"
	for f in "$dir"/artifacts/*; do
		[ -f "$f" ] || continue
		cp "$f" "$keep/"
		echo "== $keep/$(basename "$f"):"
		od -An -tx1 "$f"
	done
	echo "fuzz_codec failed (exit $rc)"
	exit 1
fi
echo "fuzz_codec: no failure in ${FUZZ_TIME:-20} s, $(ls "$dir/corpus" | wc -l) corpus entries"
exit 0
