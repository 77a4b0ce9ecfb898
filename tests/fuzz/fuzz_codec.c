/*
 * fuzz_codec.c — libFuzzer target for the Mobility Header codec.  Any
 * input must decode to 0 or to one of the enum pmip_err values; an input
 * that decodes must encode (into PMIP_MH_MAX_LEN octets, and not into one
 * octet less than it needs), decode again to an equal message with nothing
 * skipped, and encode again to the same bytes.
 *
 * Built by Makefile.am with clang -fsanitize=fuzzer,address,undefined from
 * the codec sources alone, and run by tests/fuzz/run_codec.sh on a copy of
 * tests/fuzz/corpus/codec/: the four golden vectors of the protocol
 * reference (pbu, pba, hb_req, hb_rsp), encoder output for BRI, BRA,
 * Binding Error and a PBU/PBA carrying every option, and a PBU with
 * unknown options and odd padding.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mobility/codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_codec: %s\n", what);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[PMIP_MH_MAX_LEN], again[PMIP_MH_MAX_LEN];
	struct pmip_msg a, b;
	uint8_t *tight;
	ssize_t n, n2;
	int rc;

	rc = pmip_decode(data, size, &a);
	if (rc > 0 || rc <= -PMIP_ERR_COUNT)
		fail("decode returned a value outside enum pmip_err");
	if (strcmp(pmip_err_str(rc), "unknown error") == 0)
		fail("error without a reason string");
	if (rc != 0)
		return 0;

	n = pmip_encode(&a, out, sizeof(out));
	if (n < 0)
		fail("a decoded message does not encode");

	/* one octet short: must refuse without writing past the buffer */
	tight = malloc((size_t)n - 1);
	if (tight == NULL)
		return 0;
	errno = 0;
	if (pmip_encode(&a, tight, (size_t)n - 1) != -1 || errno != ENOSPC)
		fail("encode into a short buffer did not fail with ENOSPC");
	free(tight);

	rc = pmip_decode(out, (size_t)n, &b);
	if (rc != 0) {
		fprintf(stderr, "fuzz_codec: re-decode: %s\n", pmip_err_str(rc));
		fail("encoder output does not decode");
	}
	if (!pmip_msg_equal(&a, &b))
		fail("message changed through encode and decode");
	if (b.unknown_opts != 0 || b.ignored_opts != 0)
		fail("encoder wrote an option the decoder skips");
	n2 = pmip_encode(&b, again, sizeof(again));
	if (n2 != n || memcmp(out, again, (size_t)n) != 0)
		fail("second encoding differs");
	return 0;
}
