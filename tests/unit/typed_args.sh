#!/bin/sh
# A check or handler sees its command's arguments as the members of the
# struct clgen writes from the grammar (src/cmd_protos.h): one it reads
# that the grammar does not declare is a compile error, not a NULL at run
# time.  Compiles a handler that reads declared arguments (it must build)
# and the same with one name misspelt (it must not, naming the member);
# and an after hook that returns a status (it must not build either).
set -u
: "${CC:=cc}" "${top_srcdir:?}" "${top_builddir:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inc="-I$top_srcdir/cli -I$top_builddir/cli -I$top_srcdir/src -I$top_builddir/src -I$top_builddir"
fail=0

cat >"$tmp/good.c" <<'C'
#include "cmd.h"
#include "cmd_protos.h"

int
cmd_probe_args(struct cmd_ctx *x, struct cmd_ping_args *a)
{
	(void)x;
	return a->addr.s != 0 && a->count.n > 0 && a->srcif.slot >= 0;
}
C
sed 's/a->srcif\.slot/a->source_if.slot/' "$tmp/good.c" >"$tmp/bad.c"

if $CC -std=gnu11 -fsyntax-only -Werror $inc "$tmp/good.c" 2>"$tmp/good.err"; then
	echo "ok: a handler reading declared arguments compiles"
else
	echo "FAIL: a handler reading declared arguments does not compile:"
	cat "$tmp/good.err"
	fail=1
fi
if $CC -std=gnu11 -fsyntax-only -Werror $inc "$tmp/bad.c" 2>"$tmp/bad.err"; then
	echo "FAIL: a handler reading an undeclared argument compiles"
	fail=1
elif grep 'no member named' "$tmp/bad.err" | grep -q source_if; then
	echo "ok: an undeclared argument is a compile error"
else
	echo "FAIL: the compiler failed, but not on the undeclared argument:"
	cat "$tmp/bad.err"
	fail=1
fi

# an after hook cannot refuse the change it follows: one that returns a
# status does not match its prototype
cat >"$tmp/after.c" <<'C'
#include "cmd.h"
#include "cmd_protos.h"

int
cmd_iface_changed(struct cmd_ctx *x, struct cmd_iface_changed_args *a)
{
	(void)x;
	(void)a;
	return CMD_ERR;
}
C
if $CC -std=gnu11 -fsyntax-only -Werror $inc "$tmp/after.c" 2>"$tmp/after.err"; then
	echo "FAIL: an after hook that returns a status compiles"
	fail=1
elif grep -q 'conflicting types' "$tmp/after.err"; then
	echo "ok: an after hook returns nothing"
else
	echo "FAIL: the compiler failed, but not on the after hook's type:"
	cat "$tmp/after.err"
	fail=1
fi
exit $fail
