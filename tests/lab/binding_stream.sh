#!/bin/sh
# binding_stream.sh — show ipv6 mobile pmipv6 lma binding of many bindings
# streams: an LMA holding N registrations (from tests/bench/pbu_load)
# prints every one, in NAI order, through pmipsh -c, as JSON, through the
# output modifiers (count, include, begin), and through the pager of a
# vty (two pages, then q, and the next command runs); Ctrl-^ stops it.
# While a shell does not read, pmipd answers others and holds only a
# bounded part of the output; a shell that leaves in the middle leaves
# pmipd well.
#
# Two namespaces of its own joined by a veth pair (198.51.100.1 and .2),
# removed on exit.  Needs root (77 without).
set -u
PMIPD=${PMIPD:-./pmipd}
PMIPSH=${PMIPSH:-./pmipsh}
GEN=${GEN:-./tests/bench/pbu_load}
top=${top_srcdir:-.}
. "$top/tests/lab/lib.sh"
N=${N:-50000}
nsl="pmipsim-sl$$"
nsg="pmipsim-sg$$"
dir=$(mktemp -d /tmp/pmipsim-stream.XXXXXX)
pid=""
bg=""

cleanup() {
	[ -n "$bg" ] && kill "$bg" 2>/dev/null
	[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	ip netns del "$nsl" 2>/dev/null
	ip netns del "$nsg" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
needs_root

ip netns add "$nsl" && ip netns add "$nsg" || exit 99
ip -n "$nsl" link set lo up
ip -n "$nsl" link add eth1 type veth peer name eth1 netns "$nsg" || exit 99
ip -n "$nsl" addr add 198.51.100.1/24 dev eth1
ip -n "$nsg" addr add 198.51.100.2/24 dev eth1
ip -n "$nsl" link set eth1 up
ip -n "$nsg" link set eth1 up

cat >"$dir/lma.cfg" <<EOF
hostname LMA
ipv6 local pool v6s 2001:db8::/32 64
ipv6 mobile pmipv6-domain D1
 encap udptunnel
ipv6 mobile pmipv6-lma LMA1 domain D1
 address ipv4 198.51.100.1
 bce maximum 2000000
 dynamic mag learning
 multipath
 network net1
  pool ipv6 v6s pfxlen 64
end
EOF
mkdir "$dir/state"
ip netns exec "$nsl" "$PMIPD" -d "$dir/state" -f -C "$dir/lma.cfg" >"$dir/pmipd.log" 2>&1 &
pid=$!
sock="$dir/state/pmipd.sock"
listening() { ip netns exec "$nsl" ss -Huln "sport = :5436" | grep -q 5436; }
poll 10 listening || { echo "pmipd did not start"; cat "$dir/pmipd.log"; exit 1; }
timeout 60 ip netns exec "$nsg" "$GEN" -l 198.51.100.1 -m new -n "$N" -s 198.51.100.2 -t 50 \
    >"$dir/gen.out" 2>&1
sh_c() { timeout 120 "$PMIPSH" -s "$sock" -c "$1"; }

# ---- all of it, through pmipsh -c ------------------------------------------------
sh_c "show ipv6 mobile pmipv6 lma binding" >"$dir/all.txt"
nodes=$(grep -c '^\[Binding\]\[MN\]: Domain: D1, Nai: ' "$dir/all.txt")
sed -n 's/^\[Binding\]\[MN\]: Domain: D1, Nai: //p' "$dir/all.txt" >"$dir/nais"
LC_ALL=C sort "$dir/nais" >"$dir/nais.sorted"
if [ "$(head -n 1 "$dir/all.txt")" = "Total number of bindings: $N" ] && [ "$nodes" -eq "$N" ] &&
    cmp -s "$dir/nais" "$dir/nais.sorted" && [ "$(sort -u "$dir/nais" | wc -l)" -eq "$N" ] &&
    [ "$(tail -n 1 "$dir/all.txt")" = "----------------------------------------" ]; then
	ok "pmipsh -c: all $N nodes, each once, in NAI order ($(($(wc -c <"$dir/all.txt") / 1024)) KiB)"
else
	not_ok "pmipsh -c: $nodes nodes of $N; first line '$(head -n 1 "$dir/all.txt")', last '$(tail -n 1 "$dir/all.txt")'"
	sed -n '/RESULT/p' "$dir/gen.out"
fi
first=$(head -n 1 "$dir/nais.sorted")
last=$(tail -n 1 "$dir/nais.sorted")

sh_c "show ipv6 mobile pmipv6 lma binding | json" >"$dir/all.json"
v=$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
n = d["mobile_nodes"]
print(d["bindings"], len(n), sum(len(m["paths"]) for m in n), n[0]["nai"], n[-1]["nai"])' \
    "$dir/all.json" 2>&1)
[ "$v" = "$N $N $N $first $last" ] && ok "| json: one document, $N nodes, $N paths" ||
    not_ok "| json: '$v'"

v=$(sh_c "show ipv6 mobile pmipv6 lma binding | count Nai:")
[ "$v" = "Number of lines which match regexp = $N" ] && ok "| count counts every node" ||
    not_ok "| count: '$v'"
v=$(sh_c "show ipv6 mobile pmipv6 lma binding | include Nai: $last\$")
[ "$v" = "[Binding][MN]: Domain: D1, Nai: $last" ] && ok "| include finds the last node" ||
    not_ok "| include: '$v'"
sh_c "show ipv6 mobile pmipv6 lma binding | begin Nai: $last\$" >"$dir/begin.txt"
[ "$(head -n 1 "$dir/begin.txt")" = "[Binding][MN]: Domain: D1, Nai: $last" ] &&
    [ "$(wc -l <"$dir/begin.txt")" -eq "$(sed -n "/Nai: $last\$/,\$p" "$dir/all.txt" | wc -l)" ] &&
    ok "| begin starts at the last node and goes to the end" || not_ok "| begin" "$dir/begin.txt"
v=$(sh_c "show ipv6 mobile pmipv6 lma binding nai $first" | grep -c "Nai: ")
[ "$v" = 1 ] && ok "nai X shows that node alone" || not_ok "nai X: $v nodes"

# ---- the pager of a vty: two pages, q, and the next command ---------------------------
printf 'enable\nterminal length 24\nshow ipv6 mobile pmipv6 lma binding\n q' >"$dir/in"
printf 'show ipv6 mobile pmipv6 lma stats | include Bindings\nexit\n' >>"$dir/in"
timeout 60 "$PMIPSH" -s "$sock" <"$dir/in" >"$dir/vty.txt" 2>&1
more=$(grep -o -- '--More--' "$dir/vty.txt" | wc -l)
shown=$(grep -c '^\[Binding\]\[MN\]: Domain' "$dir/vty.txt")
if [ "$more" -eq 2 ] && [ "$shown" -ge 2 ] && [ "$shown" -lt 10 ] &&
    grep -q "^  Bindings *: $N\$" "$dir/vty.txt"; then
	ok "the pager: two pages, q drops the rest, the next command runs"
else
	not_ok "the pager: $more --More--, $shown nodes" "$dir/vty.txt"
fi

# ---- Ctrl-^ stops it ----------------------------------------------------------------
printf 'enable\nterminal length 0\nshow ipv6 mobile pmipv6 lma binding\n\036' >"$dir/in"
printf 'show ipv6 mobile pmipv6 lma stats | include Bindings\nexit\n' >>"$dir/in"
timeout 60 "$PMIPSH" -s "$sock" <"$dir/in" >"$dir/stop.txt" 2>&1
shown=$(grep -c '^\[Binding\]\[MN\]: Domain' "$dir/stop.txt")
if [ "$shown" -lt "$N" ] && grep -q "^  Bindings *: $N\$" "$dir/stop.txt"; then
	ok "Ctrl-^ stops the show ($shown nodes of $N shown), the next command runs"
else
	not_ok "Ctrl-^: $shown nodes of $N" "$dir/stop.txt"
fi

# ---- a shell that does not read ---------------------------------------------------
rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
rss0=$(rss)
mkfifo "$dir/fifo"
timeout 60 "$PMIPSH" -s "$sock" -c "show ipv6 mobile pmipv6 lma binding" >"$dir/fifo" &
bg=$!
exec 3<"$dir/fifo"		# opened, never read until the end
sleep 2
rss1=$(rss)
v=$(timeout 10 "$PMIPSH" -s "$sock" -c "show ipv6 mobile pmipv6 lma stats" | grep -c "Bindings")
kill -0 "$bg" 2>/dev/null && running=yes || running=no
size=$(wc -c <"$dir/all.txt")
if [ "$v" -ge 1 ] && [ "$running" = yes ] && [ $(((rss1 - rss0) * 1024)) -lt $((size / 2)) ]; then
	ok "while a shell does not read: others are answered; pmipd grew $(((rss1 - rss0) / 1024)) MiB for a $((size / 1048576)) MiB show"
else
	not_ok "a shell that does not read: answered '$v', still running $running, pmipd grew $(((rss1 - rss0) / 1024)) MiB for a $((size / 1048576)) MiB show"
fi
cat <&3 >"$dir/late.txt"
exec 3<&-
wait "$bg"
bg=""
# (the lifetimes left have gone down meanwhile)
grep -v Remaining "$dir/late.txt" >"$dir/late.cmp"
grep -v Remaining "$dir/all.txt" >"$dir/all.cmp"
cmp -s "$dir/late.cmp" "$dir/all.cmp" && ok "it gets the whole show once it reads" ||
    not_ok "the late reader got $(wc -c <"$dir/late.txt") bytes of $size"

# ---- a shell that goes away in the middle -----------------------------------------
timeout 60 "$PMIPSH" -s "$sock" -c "show ipv6 mobile pmipv6 lma binding" | head -c 100000 >/dev/null
v=$(sh_c "show ipv6 mobile pmipv6 lma stats" | grep -c "Bindings")
kill -0 "$pid" 2>/dev/null && [ "$v" -ge 1 ] &&
    ok "a shell that leaves in the middle of the show: pmipd drops the rest and goes on" ||
    not_ok "after a shell left in the middle: pmipd running? answered '$v'"

# stopped gracefully: LeakSanitizer has its say about what the shows held
kill "$pid"
k=0
while kill -0 "$pid" 2>/dev/null && [ $k -lt 100 ]; do sleep 0.1; k=$((k + 1)); done
wait "$pid" 2>/dev/null
pid=""
if sanitizer_report "$dir/pmipd.log"; then
	not_ok "pmipd's log is free of sanitizer reports" "$dir/pmipd.log"
else
	ok "pmipd's log is free of sanitizer reports"
fi
summary
