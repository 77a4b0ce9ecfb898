#!/bin/sh
# The build checks src/schema.sql against the grammar (src/schemagen.c).
# The real schema must pass; each deliberately wrong copy of it (made here
# from the real one, so that they follow it) must fail, naming the fault.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
gen=$top_builddir/src/schemagen
schema=$top_srcdir/src/schema.sql
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

if "$gen" -c "$schema" 2>"$tmp/err"; then
	echo "ok: src/schema.sql agrees with the grammar"
else
	echo "FAIL: src/schema.sql disagrees with the grammar:"
	cat "$tmp/err"
	fail=1
fi

# wrong NAME 'MESSAGE': schemagen must refuse $tmp/NAME.sql and say MESSAGE
wrong() {
	if "$gen" -c "$tmp/$1.sql" 2>"$tmp/$1.err"; then
		echo "FAIL: $1: schemagen accepts it"
		fail=1
	elif grep -qF "$2" "$tmp/$1.err"; then
		echo "ok: $1: $2"
	else
		echo "FAIL: $1: schemagen refuses it, but does not say '$2':"
		cat "$tmp/$1.err"
		fail=1
	fi
}

# awk prints the schema with one line of mag_roaming changed
roaming() {
	awk -v from="$1" -v to="$2" '
		/^CREATE TABLE mag_roaming/ { in_t = 1 }
		in_t && (i = index($0, from)) {
			$0 = substr($0, 1, i - 1) to substr($0, i + length(from))
			in_t = 0
		}
		{ print }' "$schema"
}

roaming "label TEXT," "lbl TEXT," >"$tmp/missing-column.sql"
wrong missing-column \
	"table mag_roaming has no column label (grammar/pmipv6-mag.cli: roaming interface"
roaming "priority INTEGER," "priority TEXT," >"$tmp/text-for-number.sql"
wrong text-for-number \
	"table mag_roaming: column priority is not INTEGER, but prio stores a number there"
roaming "label TEXT," "label INTEGER," >"$tmp/number-for-text.sql"
wrong number-for-text \
	"table mag_roaming: column label is INTEGER, but lbl is typed text"
roaming "UNIQUE (parent, ifname)" "CHECK (1)" >"$tmp/no-unique-key.sql"
wrong no-unique-key \
	"table mag_roaming needs UNIQUE (parent, ifname): the key of grammar/pmipv6-mag.cli"
roaming "ON DELETE CASCADE" "" >"$tmp/no-cascade.sql"
wrong no-cascade \
	"table mag_roaming: parent must be ON DELETE CASCADE"
roaming "label TEXT," "label TEXT, path INTEGER NOT NULL," >"$tmp/not-null-unstored.sql"
wrong not-null-unstored \
	"table mag_roaming: column path is NOT NULL, but grammar/pmipv6-mag.cli: roaming interface"
roaming "label TEXT," "label TEXT, spare TEXT," >"$tmp/unstored-column.sql"
wrong unstored-column \
	"table mag_roaming: no command of the grammar stores column spare"
{ cat "$schema"; printf 'CREATE TABLE leftover (id INTEGER PRIMARY KEY, x TEXT);\n'; } \
	>"$tmp/unstored-table.sql"
wrong unstored-table "table leftover: no command of the grammar stores it"
awk '/^CREATE TABLE lmn_network/ { skip = 1 } skip && /^\);/ { skip = 0; next } !skip' \
	"$schema" >"$tmp/missing-table.sql"
wrong missing-table "no table lmn_network (grammar/pmipv6-mag.cli:"
sed 's/^CREATE UNIQUE INDEX acl_entry_key ON/CREATE INDEX acl_entry_key ON/' "$schema" \
	>"$tmp/same-not-unique.sql"
wrong same-not-unique \
	"table acl_entry needs UNIQUE (parent, entry_key): grammar/acl.cli:"
printf 'CREATE TABLE system (id INTEGER PRIMARY KEY\n' >"$tmp/bad-sql.sql"
wrong bad-sql "incomplete input"

# and the build stops: the generated files are not written
roaming "label TEXT," "lbl TEXT," >"$tmp/stop.sql"
if "$gen" "$tmp/stop.sql" "$tmp/schema_sql.c" "$tmp/rows.h" "$tmp/rows.c" 2>/dev/null ||
    [ -e "$tmp/schema_sql.c" ] || [ -e "$tmp/rows.h" ]; then
	echo "FAIL: a schema that disagrees still gets its generated files"
	fail=1
else
	echo "ok: a schema that disagrees gets no generated files"
fi
exit $fail
