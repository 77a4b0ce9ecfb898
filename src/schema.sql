-- schema.sql — the configuration store, one SQLite schema for the running
-- and the startup configuration.
--
-- Each configuration mode has an object table (its rows are the objects the
-- mode edits: an interface, an access list, a MAG ...); commands that add
-- list items have a row table whose `parent` is the object.  The grammar
-- (grammar/*.cli, `object`, `table`, `key`, `set`) names these tables and
-- columns; the store builds its statements from that.  NULL always means
-- "not configured" (the default applies).  The engine reads these tables.
--
-- Bump user_version when a table changes shape.

PRAGMA user_version = 1;

-- global configuration: one row
CREATE TABLE system (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	hostname TEXT,
	enable_secret_type TEXT,
	enable_secret TEXT,
	ip_sla_responder INTEGER
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

-- One access-list entry.  The text columns are what was typed (canonical),
-- for show running-config; the net_* and *_lo/_hi columns are the same
-- entry as numbers, for the packet classifier.
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
	net_src INTEGER, net_srcw INTEGER, net_dst INTEGER, net_dstw INTEGER,
	src_lo INTEGER, src_hi INTEGER, dst_lo INTEGER, dst_hi INTEGER,
	entry_key TEXT NOT NULL,	-- the canonical entry text: finds duplicates
	UNIQUE (parent, seq)
);
CREATE INDEX acl_entry_key ON acl_entry (parent, entry_key);

CREATE TABLE sla_udp_echo (
	id INTEGER PRIMARY KEY,
	addr TEXT NOT NULL,
	port INTEGER NOT NULL,
	UNIQUE (addr, port)
);
