#!/bin/sh
# tshark_codec.sh — hold the codec's output against an independent decoder.
# tests/interop/codec_pcap writes PBU, PBA (accepted and status 180),
# heartbeat request and response, BRI and BRA as IPv4/UDP 5436 packets
# between documentation addresses; tshark decodes them, and its verbose
# Mobile IPv6 dissection must match tshark_codec.out line for line.  The
# lines that matter most are also checked by name, so that a regenerated
# golden file cannot quietly lose them: flags, NAI, statuses, restart
# counter, no malformed packet, and options 63/64 shown as unknown (tshark
# 4.0 does not know RFC 8278).  Skipped (77) without tshark.
# UPDATE_GOLDEN=1 rewrites tshark_codec.out (then read it!).
set -u

if ! command -v tshark >/dev/null 2>&1; then
	echo "tshark not found"
	exit 77
fi
gen=${top_builddir:-.}/tests/interop/codec_pcap
golden=${top_srcdir:-.}/tests/interop/tshark_codec.out
dir=$(mktemp -d /tmp/pmipsim-tshark.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT INT TERM

"$gen" "$dir/codec.pcap" || exit 99
# -n: no name resolution, so that port 5436 prints as a number everywhere
if ! tshark -n -r "$dir/codec.pcap" -V -O mipv6 >"$dir/out" 2>"$dir/err"; then
	cat "$dir/err"
	exit 99
fi

if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
	cp "$dir/out" "$golden"
	echo "wrote $golden"
	exit 0
fi

# expect N LINE: LINE, without its indentation, occurs N times
sed 's/^ *//' "$dir/out" >"$dir/lines"
status=0
expect() {
	n=$(grep -c -x -F -- "$2" "$dir/lines")
	if [ "$n" -ne "$1" ]; then
		echo "expected $1 line(s) with '$2', found $n"
		status=1
	fi
}
expect 7 "Checksum: 0x0000"
expect 1 "Mobility Header Type: Binding Update (5)"
expect 1 "1... .... .... .... = Acknowledge (A) flag: Binding Acknowledgement requested"
expect 1 ".... ..1. .... .... = Proxy Registration (P) flag: Proxy Registration"
expect 1 ".... ...1 .... .... = Forcing UDP encapsulation (F) flag: Forcing UDP encapsulation used"
expect 2 "Lifetime: 900 (3600 seconds)"
expect 4 "Identifier: lmn1@example.com"
expect 4 "Mobile Network Prefix: 2001:db8:1::"
expect 3 "Timestamp: Nov 14, 2023 22:13:20.500000000 UTC"
expect 1 "IPv4 Home Address: 0.0.0.0 - Request that the local mobility anchor perform the address allocation"
expect 1 "Status: Binding Update accepted (0)"
expect 1 "IPv4 Home Address: 203.0.113.5"
expect 1 "IPv4 Default-Router Address: 203.0.113.1"
expect 1 ".... .... .... ...1 = DHCP Support Mode (S): DHCP Server"
expect 1 "1... .... .... .... = (F) flag: MUST use UDP encapsulation"
expect 1 "Status: Unknown (180)"
expect 3 "Mobility Option: Unknown (63)"
expect 1 "Mobility Option: Unknown (64)"
expect 2 "Mobility Header Type: Heartbeat (13)"
expect 1 ".... ...0 = Response (R) flag: Heartbeat Request"
expect 1 ".... ...1 = Response (R) flag: Heartbeat Response"
expect 1 "Restart Counter: 7"
expect 1 "Binding Revocation Indication"
expect 1 "R. Trigger: Administrative Reason (1)"
expect 1 "Binding Revocation Acknowledge"
expect 2 "1... .... .... .... = Proxy Binding (P) Flag: Set"
if grep -q -i "malformed" "$dir/out"; then
	echo "tshark reports a malformed packet"
	status=1
fi

if ! diff -u "$golden" "$dir/out"; then
	echo "tshark's dissection differs from $golden"
	status=1
fi
exit $status
