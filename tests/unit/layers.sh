#!/bin/sh
# layers.sh — pmipd's sources call down only (router.h says which layers):
#   store   store, rows, acl_rule, startup, cfgdiff, json, log
#   router  router (the state all share), rlog, render, archive
#   engines iface, mobility/, sla/, dataplane/
#   top     exec, session, cfgload, pmipd, cmd/
# and src/cmd reads the PMIPv6 engine through mobility/mob_view.h only.
# A file may include the headers of its own layer and those below, never
# one above: what a lower layer tells a higher one goes through the hooks
# in router.h.  (render.c reaches the handlers' renderers through the
# generated dispatch table of cmd.h: a table of callbacks by construction.)
set -u
: "${top_srcdir:?}"
cd "$top_srcdir/src" || exit 99
layer() {
	case $1 in
	store|rows|acl_rule|startup|cfgdiff|json|log|schema_sql) echo 0 ;;
	router|rlog|render|archive) echo 1 ;;
	iface|mob|mob_view|view|mag|lma|alloc|codec|codec_build|codec_names|responder|dp|dp_int|fwd|netio) echo 2 ;;
	*) echo 3 ;;
	esac
}
fail=0
for f in *.c mobility/*.c sla/*.c dataplane/*.c; do
	base=$(basename "$f" .c)
	mine=$(layer "$base")
	[ "$mine" -eq 3 ] && continue
	for h in $(sed -n 's/^#include "\(.*\)\.h"/\1/p' "$f"); do
		hb=$(basename "$h")
		case $hb in cl|cl_gen|strbuf|pipe|proto|codec) continue ;; esac
		[ "$base" = render ] && [ "$hb" = cmd ] && continue
		if [ "$(layer "$hb")" -gt "$mine" ]; then
			echo "FAIL: src/$f (layer $mine) includes $h.h (layer $(layer "$hb"))"
			fail=1
		fi
	done
done
# the commands see the engines through their view headers only: their
# structs are theirs (mobility/mob.h is for src/mobility and pmipd.c, the
# data plane's dp_int.h for src/dataplane)
for f in cmd/*.c cmd/*.h; do
	if grep -q '^#include "mobility/mob\.h"' "$f"; then
		echo "FAIL: src/$f includes mobility/mob.h (use mobility/mob_view.h)"
		fail=1
	fi
	if grep -q '^#include "dataplane/dp_int\.h"' "$f"; then
		echo "FAIL: src/$f includes dataplane/dp_int.h (use dataplane/dp.h)"
		fail=1
	fi
done
[ $fail -eq 0 ] && echo "ok: every file calls down only"
exit $fail
