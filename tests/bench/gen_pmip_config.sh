#!/bin/sh
# gen_pmip_config.sh [MAGS] [NAIS] [MAPS] — an LMA's configuration at scale:
# a domain with NAIS mobile node profiles and MAPS mobile-map entries, and
# an LMA that accepts MAGS configured MAGs (issue figures: 1000, 10000,
# 255).  Documentation addresses only: the MAGs are known by IPv6 address
# (2001:db8::/32 has room for them all; the IPv4 test networks do not).
mags=${1:-1000}
nais=${2:-10000}
maps=${3:-255}
awk -v mags="$mags" -v nais="$nais" -v maps="$maps" 'BEGIN {
	print "ip local pool v4pool 198.51.100.1 198.51.100.254"
	for (a = 0; a < maps; a++) {
		printf "ip access-list extended app%d\n", a
		printf " permit udp any any eq %d\n", 10000 + a
	}
	print "ipv6 mobile pmipv6-domain D1"
	print " encap udptunnel"
	for (i = 0; i < nais; i++) {
		printf " nai mn%d@example.com\n", i
		printf "  network net%d\n", i % 8
		printf "  lma LMA1\n"
	}
	for (s = 1; s <= maps; s++) {
		printf " mobile-map MAP1 %d\n", s
		printf "  match access-list app%d\n", s - 1
		printf "  set link-type lte_intf 3g_intf null\n"
	}
	print "ipv6 mobile pmipv6-lma LMA1 domain D1"
	print " address ipv4 203.0.113.1"
	print " multipath"
	print " mobile-map MAP1"
	for (m = 0; m < mags; m++) {
		printf " mag MAG%d D1\n", m
		printf "  ipv6-address 2001:db8:100::%x\n", m + 1
		printf "  encap udptunnel\n"
	}
	for (n = 0; n < 8; n++) {
		printf " network net%d\n", n
		printf "  pool ipv4 v4pool pfxlen 24\n"
		printf "  mobile-network pool 192.0.2.%d pool-prefix 27 network-prefix 30\n", n * 32
	}
}'
