#!/bin/sh
# gen_pmip_config.sh [MAGS] [NAIS] [MAPS] — an LMA's configuration at scale:
# a domain with NAIS mobile node profiles and MAPS mobile-map entries, and
# an LMA that accepts MAGS configured MAGs (issue figures: 1000, 10000,
# 255).  Addresses are private: config-only, never on a wire.
mags=${1:-1000}
nais=${2:-10000}
maps=${3:-255}
awk -v mags="$mags" -v nais="$nais" -v maps="$maps" 'BEGIN {
	print "ip local pool v4pool 10.0.0.1 10.0.255.254"
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
	print " address ipv4 10.255.0.1"
	print " multipath"
	print " mobile-map MAP1"
	for (m = 0; m < mags; m++) {
		printf " mag MAG%d D1\n", m
		printf "  ipv4-address 10.%d.%d.%d\n", 100 + int(m / 65536), int(m / 256) % 256, m % 256
		printf "  encap udptunnel\n"
	}
	for (n = 0; n < 8; n++) {
		printf " network net%d\n", n
		printf "  pool ipv4 v4pool pfxlen 24\n"
		printf "  mobile-network pool 10.%d.0.0 pool-prefix 16 network-prefix 30\n", 200 + n
	}
}'
