#!/bin/sh
# gen_config.sh LINES — writes a configuration of about LINES lines to
# stdout, the shapes of a big lab configuration: interfaces with
# descriptions and addresses (30 %), and named extended access lists with
# port ranges (70 %).  Documentation addresses only: the three IPv4 test
# networks hold 192 /30 links, so the interfaces after those carry a second
# IPv6 address in 2001:db8::/32 instead of an IPv4 one (still five lines).
n=${1:-100000}
awk -v n="$n" 'BEGIN {
	lines = 0
	net[0] = "192.0.2"; net[1] = "198.51.100"; net[2] = "203.0.113"
	nif = int(n * 0.3 / 5)
	for (i = 0; i < nif && lines < n; i++) {
		printf "interface GigabitEthernet1/%d/%d\n", int(i / 256), i % 256
		printf " description link %d\n", i
		if (i < 192)
			printf " ip address %s.%d 255.255.255.252\n", net[int(i / 64)], (i % 64) * 4 + 1
		else
			printf " ipv6 address 2001:db8:8%03x:%x::1/64\n", int(i / 65536), i % 65536
		printf " ipv6 address 2001:db8:%x:%x::1/64\n", int(i / 65536), i % 65536
		printf " shutdown\n"
		lines += 5
	}
	acl = 0
	while (lines < n) {
		printf "ip access-list extended ACL%05d\n", acl
		lines++
		for (e = 0; e < 100 && lines < n; e++) {
			printf " permit tcp 192.0.2.%d 0.0.0.255 host 198.51.100.%d range %d %d\n", e % 256, (e * 7) % 256, 1000 + e, 2000 + e
			lines++
		}
		acl++
	}
}'
