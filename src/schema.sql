-- schema.sql — the running configuration store (the startup-config is text,
-- written by write memory and loaded at boot through the same loader).
--
-- Each configuration mode has an object table (its rows are the objects the
-- mode edits: an interface, an access list, a MAG ...); commands that add
-- list items have a row table whose `parent` is the object.  The grammar
-- (grammar/*.cli, `object`, `table`, `key`, `set`) names these tables and
-- columns; the store builds its statements from that.  NULL always means
-- "not configured" (the default applies).  The engine reads these tables
-- through the row readers schemagen writes from this file (src/rows.h).
--
-- The build checks this file against the grammar (src/schemagen.c): every
-- table and column a command stores exists, with INTEGER where a number or
-- a flag goes; a command's key is a UNIQUE index; child rows reference
-- their parent ON DELETE CASCADE; NOT NULL columns are stored by every
-- command that adds a row; and nothing here is left that no command stores.
-- The store is rebuilt from the text startup-config at every boot, so a
-- change of shape needs no migration.

PRAGMA user_version = 2;

-- global configuration: one row
CREATE TABLE system (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	hostname TEXT,
	enable_secret_type TEXT,
	enable_secret TEXT,
	ip_sla_responder INTEGER,
	log_buffered INTEGER, log_size INTEGER, log_level TEXT
);
INSERT INTO system (id) VALUES (1);

CREATE TABLE interface (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,	-- canonical IOS name: Ethernet1/0
	sortkey TEXT NOT NULL,		-- IOS order: Ethernet0/2 before Ethernet0/10
	description TEXT,
	ip_address TEXT,
	ip_mask TEXT,
	ip_net_lo INTEGER,		-- the subnet as numbers: overlap checks
	ip_net_hi INTEGER,
	shutdown INTEGER
);
CREATE INDEX interface_sort ON interface (sortkey);
CREATE INDEX interface_net ON interface (ip_net_lo);

CREATE TABLE interface_ipv6 (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES interface (id) ON DELETE CASCADE,
	prefix TEXT NOT NULL,		-- 2001:DB8::1/64
	UNIQUE (parent, prefix)
);

CREATE TABLE ip_local_pool (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	low TEXT NOT NULL,
	high TEXT,
	low_n INTEGER NOT NULL,		-- addresses as numbers, for the allocator
	high_n INTEGER NOT NULL,
	UNIQUE (name, low)
);

CREATE TABLE ipv6_local_pool (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	prefix TEXT NOT NULL,
	assigned_len INTEGER NOT NULL
);

CREATE TABLE acl (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	type TEXT NOT NULL		-- standard | extended
);

-- One access-list entry, as typed (canonical): show running-config prints
-- these columns, and acl_rule_of (src/acl_rule.h) reads them as numbers
-- for whoever matches packets.
CREATE TABLE acl_entry (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES acl (id) ON DELETE CASCADE,
	seq INTEGER NOT NULL,
	action TEXT NOT NULL,		-- permit | deny | remark
	remark TEXT,
	proto TEXT,			-- ip, tcp, udp, icmp, ... or a number
	src_any TEXT, src_host TEXT, src_addr TEXT, src_wild TEXT,
	dst_any TEXT, dst_host TEXT, dst_addr TEXT, dst_wild TEXT,
	src_op TEXT, src_port TEXT, src_port2 TEXT,
	dst_op TEXT, dst_port TEXT, dst_port2 TEXT,
	established INTEGER,
	icmp_type INTEGER, icmp_code INTEGER, icmp_msg TEXT,
	dscp INTEGER,
	log INTEGER,
	entry_key TEXT NOT NULL,	-- the canonical entry text: finds duplicates
	UNIQUE (parent, seq)
);
CREATE UNIQUE INDEX acl_entry_key ON acl_entry (parent, entry_key);

-- ip route PREFIX MASK {NEXTHOP | IFNAME [NEXTHOP]} [DISTANCE]; gw is the
-- gateway part as one text (what tells two routes to one prefix apart)
CREATE TABLE ip_route (
	id INTEGER PRIMARY KEY,
	prefix TEXT NOT NULL,
	mask TEXT NOT NULL,
	gw TEXT NOT NULL,
	nexthop TEXT,
	ifname TEXT,
	ifnh TEXT,
	distance INTEGER,
	prefix_n INTEGER NOT NULL,
	mask_n INTEGER NOT NULL,
	UNIQUE (prefix, mask, gw)
);

CREATE TABLE sla_udp_echo (
	id INTEGER PRIMARY KEY,
	addr TEXT NOT NULL,
	port INTEGER NOT NULL,
	UNIQUE (addr, port)
);

-- ---- PMIPv6 -----------------------------------------------------------
-- ipv6 mobile pmipv6-domain NAME
CREATE TABLE pmip_domain (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	encap TEXT,			-- gre-ipv4 (default) | udptunnel
	replay INTEGER,			-- replay-protection timestamp
	replay_window INTEGER,
	auth_spi INTEGER, auth_key_ascii TEXT, auth_key_hex TEXT
);

-- mobile-map NAME SEQ: one entry of an application-routing policy
CREATE TABLE mobile_map (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES pmip_domain (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	seq INTEGER NOT NULL,
	acl TEXT,			-- match access-list
	link1 TEXT, link2 TEXT, link3 TEXT,	-- set link-type: labels in order of preference
	link_null INTEGER,		-- ... null: drop when none is usable
	traffic_profile TEXT,
	UNIQUE (parent, name, seq)
);

-- nai USER@REALM | @REALM: a mobile node profile
CREATE TABLE domain_nai (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES pmip_domain (id) ON DELETE CASCADE,
	nai TEXT NOT NULL,
	network TEXT,
	lma TEXT,
	int_att TEXT, l2_addr TEXT,
	gre_up INTEGER, gre_down INTEGER,
	UNIQUE (parent, nai)
);

CREATE TABLE domain_lma (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES pmip_domain (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	ipv4 TEXT, ipv6 TEXT,
	UNIQUE (parent, name)
);

CREATE TABLE domain_mag (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES pmip_domain (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	ipv4 TEXT, ipv6 TEXT,
	UNIQUE (parent, name)
);

-- ipv6 mobile pmipv6-mag ID domain NAME
CREATE TABLE pmip_mag (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	domain TEXT NOT NULL,
	address_dynamic INTEGER,	-- address dynamic: the roaming interfaces below
	address_v4 TEXT, address_v6 TEXT,
	hb INTEGER, hb_interval INTEGER, hb_retries INTEGER,
	bce_max INTEGER,
	multipath INTEGER,
	mobile_map TEXT,
	tunnel_mtu INTEGER,
	tunnel_acl TEXT,
	egress_if TEXT,
	hybrid_access INTEGER		-- mobility-service hybrid-access
);

-- roaming interface IF [priority N] [egress-att ATT] [label LABEL]: one path
CREATE TABLE mag_roaming (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES pmip_mag (id) ON DELETE CASCADE,
	ifname TEXT NOT NULL,
	priority INTEGER,
	att TEXT,			-- 3G, LTE, WiFi ... (Access Technology Type)
	label TEXT,			-- what set link-type names
	UNIQUE (parent, ifname)
);

-- lma ID DOMAIN under a MAG: the LMA it registers with
CREATE TABLE mag_lma (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES pmip_mag (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	domain TEXT,
	ipv4 TEXT, ipv6 TEXT,
	encap TEXT,
	auth_spi INTEGER, auth_key_ascii TEXT, auth_key_hex TEXT,
	UNIQUE (parent, name)
);

-- logical-mn NAI: a mobile node that is the MAG itself
CREATE TABLE mag_lmn (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES pmip_mag (id) ON DELETE CASCADE,
	nai TEXT NOT NULL,
	home_if TEXT,
	UNIQUE (parent, nai)
);

CREATE TABLE lmn_network (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES mag_lmn (id) ON DELETE CASCADE,
	ifname TEXT NOT NULL,
	UNIQUE (parent, ifname)
);

-- profile-definition NAME under mobility-service hybrid-access
CREATE TABLE haccess_profile (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES pmip_mag (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	jitter INTEGER,			-- ms
	rtt INTEGER,			-- ms
	packet_loss INTEGER,		-- percent
	UNIQUE (parent, name)
);

-- ipv6 mobile pmipv6-lma ID domain NAME
CREATE TABLE pmip_lma (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	domain TEXT NOT NULL,
	address_v4 TEXT, address_v6 TEXT,
	hb INTEGER, hb_interval INTEGER, hb_retries INTEGER, hb_label TEXT, hb_natreboot INTEGER,
	bce_max INTEGER,
	default_profile TEXT,
	dynamic_mag INTEGER,		-- dynamic mag learning
	multipath INTEGER,
	mobile_map TEXT,
	tunnel_mtu INTEGER,
	tunnel_acl TEXT,
	egress_if TEXT,
	hnp_max INTEGER
);

-- mag ID DOMAIN under an LMA: a MAG it accepts
CREATE TABLE lma_mag (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES pmip_lma (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	domain TEXT,
	ipv4 TEXT, ipv6 TEXT,
	encap TEXT,
	auth_spi INTEGER, auth_key_ascii TEXT, auth_key_hex TEXT,
	UNIQUE (parent, name)
);

-- network NAME under an LMA: where home addresses come from
CREATE TABLE lma_network (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES pmip_lma (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	pool_v4 TEXT, pool_v4_pfxlen INTEGER,
	pool_v6 TEXT, pool_v6_pfxlen INTEGER,
	UNIQUE (parent, name)
);

-- mobile-network pool|v6pool ADDR pool-prefix P network-prefix N
CREATE TABLE lma_mnet_pool (
	id INTEGER PRIMARY KEY,
	parent INTEGER NOT NULL REFERENCES lma_network (id) ON DELETE CASCADE,
	family TEXT NOT NULL,		-- ipv4 | ipv6
	addr TEXT NOT NULL,
	pool_prefix INTEGER NOT NULL,
	network_prefix INTEGER NOT NULL,
	UNIQUE (parent, addr)
);
