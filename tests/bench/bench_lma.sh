#!/bin/sh
# bench_lma.sh [BUILDDIR] — the LMA under load.  Prints figures; never
# passes or fails on them.
#
# Two network namespaces joined by a veth pair: pmipd as an LMA
# (198.51.100.1) in one, tests/bench/pbu_load (198.51.100.2 and more
# addresses of 198.51.100.0/24) in the other.  pmipd is pinned to one CPU,
# the generator to another.  Measured:
#
#  1. NODES new registrations (multipath PBU, a /64 home network prefix
#     each from ipv6 local pool 2001:db8::/32): registrations/s, latency,
#     the LMA's CPU use (utime + stime from /proc/PID/stat over the run);
#  2. the LMA's resident memory holding those NODES bindings, and per
#     binding; show ipv6 mobile pmipv6 lma binding of them all through
#     pmipsh -c, as text, JSON and through | count (size, time, the LMA's
#     memory before and at its highest meanwhile);
#  3. the same NODES refreshed: registrations/s, CPU;
#  4. a fresh LMA with `heartbeat interval HB_INTERVAL retries 3`, PEERS
#     MAG paths (one UDP socket each) that register one node each and
#     answer its heartbeats: the LMA's CPU over HB_SECONDS once the
#     heartbeats run.  The shortest interval the grammar takes is 5 s (as
#     IOS): for the rate of PEERS peers at 1 s the run is repeated with
#     PEERS x 5 peers at 5 s (HB_SCALE=0 skips it).
#
# The LMA's CPU is what the kernel charges its process: on a veth pair
# that includes delivering its answers into the generator's sockets
# (the receiver's softirq runs in the sender's system call), and leaves
# out the delivery of the PBUs into its own socket.
#
# BUILDDIR (default .) holds pmipd and tests/bench/pbu_load; run it from a
# build without sanitizers.  Needs root.  Knobs (environment): NODES
# (1000000), PEERS (10000), HB_INTERVAL (5), HB_SECONDS (20), WINDOW (1024),
# SOCKETS (64), HB_SCALE (1).  Bounded: every pbu_load run has a deadline;
# whatever it started (namespaces, processes, files) is removed on exit.
set -u

B=${1:-.}
PMIPD=$B/pmipd
PMIPSH=$B/pmipsh
GEN=$B/tests/bench/pbu_load
NODES=${NODES:-1000000}
PEERS=${PEERS:-10000}
HB_INTERVAL=${HB_INTERVAL:-5}
HB_SECONDS=${HB_SECONDS:-20}
HB_SCALE=${HB_SCALE:-1}
WINDOW=${WINDOW:-1024}
SOCKETS=${SOCKETS:-64}
LMA_ADDR=198.51.100.1
GEN_ADDR=198.51.100.2
PEER_ADDRS=10			# 198.51.100.2 .. .11, 28k ephemeral ports each
PER_GEN=10000			# peers per pbu_load: descriptors are limited

nsl="pmipsim-bl$$"
nsg="pmipsim-bg$$"
dir=$(mktemp -d /tmp/pmipsim-bench.XXXXXX)
pid=""
gpids=""
have_ns=""

cleanup() {
	for p in $gpids; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	[ -n "$pid" ] && stop_lma
	if [ -n "$have_ns" ]; then
		ip netns del "$nsl" 2>/dev/null
		ip netns del "$nsg" 2>/dev/null
	fi
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

die() {
	echo "bench_lma: $*" >&2
	[ -f "$dir/pmipd.log" ] && tail -5 "$dir/pmipd.log" >&2
	exit 1
}

[ -x "$PMIPD" ] || die "no $PMIPD (give the build directory)"
[ -x "$GEN" ] || die "no $GEN (make builds it)"
[ "$(id -u)" = 0 ] || die "needs root (network namespaces)"

# CPUs: pmipd on the last one, the generator on the one before
ncpu=$(nproc)
if [ "$ncpu" -ge 2 ]; then
	cpu_lma=$((ncpu - 1))
	cpu_gen=$((ncpu - 2))
	pin_lma="taskset -c $cpu_lma"
	pin_gen="taskset -c $cpu_gen"
else
	cpu_lma=0
	cpu_gen=0
	pin_lma=""
	pin_gen=""
fi
hz=$(getconf CLK_TCK)

# ---- namespaces -------------------------------------------------------------
ip netns add "$nsl" || die "cannot create namespaces"
have_ns=1
ip netns add "$nsg" || die "cannot create namespaces"
ip -n "$nsl" link set lo up
ip -n "$nsg" link set lo up
ip -n "$nsl" link add eth1 type veth peer name eth1 netns "$nsg" || die "no veth"
ip -n "$nsl" addr add "$LMA_ADDR/24" dev eth1
ip -n "$nsg" addr add "$GEN_ADDR/24" dev eth1
i=3
while [ $i -le $((PEER_ADDRS + 1)) ]; do
	ip -n "$nsg" addr add "198.51.100.$i/32" dev eth1
	i=$((i + 1))
done
ip -n "$nsl" link set eth1 up
ip -n "$nsg" link set eth1 up
peer_srcs=$(i=2; s=""; while [ $i -le $((PEER_ADDRS + 1)) ]; do
	s="$s${s:+,}198.51.100.$i"; i=$((i + 1)); done; echo "$s")

# ---- the LMA ------------------------------------------------------------------
# config HEARTBEAT_LINE: an LMA that takes any MAG, multipath, and gives
# each node a /64 of 2001:db8::/32
write_config() {
	cat >"$dir/lma.cfg" <<EOF
hostname LMA
!
ipv6 local pool v6bench 2001:db8::/32 64
!
ipv6 mobile pmipv6-domain D1
 encap udptunnel
!
ipv6 mobile pmipv6-lma LMA1 domain D1
 address ipv4 $LMA_ADDR
$1
 bce maximum 2000000
 dynamic mag learning
 multipath
 network net1
  pool ipv6 v6bench pfxlen 64
!
end
EOF
}

start_lma() {
	rm -rf "$dir/state"
	mkdir -p "$dir/state"
	# shellcheck disable=SC2086
	ip netns exec "$nsl" $pin_lma "$PMIPD" -d "$dir/state" -f -C "$dir/lma.cfg" \
		>>"$dir/pmipd.log" 2>&1 &
	pid=$!
	i=0
	until ip netns exec "$nsl" ss -Huln "sport = :5436" 2>/dev/null | grep -q 5436; do
		i=$((i + 1))
		[ $i -lt 200 ] || die "pmipd did not start its LMA"
		kill -0 "$pid" 2>/dev/null || die "pmipd exited at start"
		sleep 0.05
	done
}

# Stops our pmipd; a graceful exit releases every lease in state.db,
# which is not what is measured here, so after 10 s it is killed.
stop_lma() {
	[ -n "$pid" ] || return 0
	kill "$pid" 2>/dev/null
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=""
}

ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status"; }
now() { date +%s.%N; }
# cpu% TICKS0 TICKS1 T0 T1
cpu_pct() { awk -v a="$1" -v b="$2" -v s="$3" -v e="$4" -v hz="$hz" \
	'BEGIN { printf "%.1f", (b - a) / hz / (e - s) * 100 }'; }

# gen OUTFILE ARGS...: pbu_load in the generator's namespace, on its CPU
gen() {
	out=$1
	shift
	# shellcheck disable=SC2086
	ip netns exec "$nsg" $pin_gen "$GEN" -l "$LMA_ADDR" "$@" >"$out" 2>&1
}

result() { sed -n 's/^RESULT //p' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

echo "bench_lma: pmipd $PMIPD on CPU $cpu_lma, pbu_load on CPU $cpu_gen of $ncpu;" \
	"load average $(cut -d' ' -f1-3 /proc/loadavg); Linux $(uname -r);" \
	"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"

# ---- 1-3: registrations and memory ----------------------------------------------
# run NAME ARGS...: pbu_load NAME, its report and the LMA's CPU meanwhile
run() {
	name=$1
	shift
	c0=$(ticks); t0=$(now)
	gen "$dir/$name.out" "$@" -n "$NODES" -S "$SOCKETS" -w "$WINDOW" -t 120 -s "$GEN_ADDR"
	c1=$(ticks); t1=$(now)
	echo
	sed -n '/^RESULT/!p' "$dir/$name.out"
	echo "  LMA CPU             $(cpu_pct "$c0" "$c1" "$t0" "$t1") % of one core over" \
		"$(awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.1f", e - s }') s," \
		"$(awk -v a="$c0" -v b="$c1" -v hz="$hz" -v n="$(result "$dir/$name.out" ok)" \
		'BEGIN { printf "%.2f", n ? (b - a) / hz / n * 1e6 : 0 }') us per registration"
}

# show ipv6 mobile pmipv6 lma binding of all of them, through pmipsh -c:
# its size, how long until the last byte, the LMA's resident memory before
# and at its highest meanwhile (sampled every 0.1 s: the show streams, so
# this stays near the first figure whatever the size); then the same as
# JSON and through | count, whose output is one line
show_bindings() {
	for pipe in "" " | json" " | count Nai:"; do
		rss_a=$(rss_kib)
		: >"$dir/rss.max"
		(
			m=0
			while [ ! -f "$dir/show.done" ] && kill -0 "$pid" 2>/dev/null; do
				r=$(rss_kib)
				[ "$r" -gt "$m" ] && m=$r && echo "$m" >"$dir/rss.max"
				sleep 0.1
			done
		) &
		sampler=$!
		t0=$(now)
		"$PMIPSH" -s "$dir/state/pmipd.sock" -c "show ipv6 mobile pmipv6 lma binding$pipe" \
			>"$dir/show.txt" 2>&1
		t1=$(now)
		touch "$dir/show.done"
		wait "$sampler"
		rm -f "$dir/show.done"
		rss_m=$(cat "$dir/rss.max")
		echo
		echo "show ipv6 mobile pmipv6 lma binding$pipe: $(wc -l <"$dir/show.txt") lines," \
			"$(($(wc -c <"$dir/show.txt") / 1048576)) MiB in" \
			"$(awk -v s="$t0" -v e="$t1" 'BEGIN { printf "%.1f", e - s }') s;" \
			"LMA RSS $((rss_a / 1024)) MiB before, at most $((${rss_m:-$rss_a} / 1024)) MiB" \
			"meanwhile; $(tail -n 1 "$dir/show.txt" | cut -c1-60)"
		rm -f "$dir/show.txt"
	done
}

registrations() {
	write_config ""
	start_lma
	rss0=$(rss_kib)
	run new -m new -q 1
	rss1=$(rss_kib)
	ok=$(result "$dir/new.out" ok)
	echo
	echo "LMA memory: RSS $((rss0 / 1024)) MiB with no binding, $((rss1 / 1024)) MiB with" \
		"${ok:-0} bindings"
	[ "${ok:-0}" -gt 0 ] && awk -v a="$rss0" -v b="$rss1" -v n="$ok" 'BEGIN {
		printf "  %.0f bytes per binding (RSS growth / bindings), %.0f all told\n",
		    (b - a) * 1024 / n, b * 1024 / n }'
	echo "  state.db and its WAL: $(du -sk "$dir/state" | cut -f1) KiB on disk"
	show_bindings
	# sequence numbers above those of the registrations and their retries
	run refresh -m refresh -q 100
	t0=$(now)
	stop_lma
	echo
	echo "LMA stopped in $(awk -v s="$t0" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }') s"
}
[ "$NODES" -gt 0 ] && registrations

# ---- 4: heartbeats ----------------------------------------------------------------
# peers NP: a fresh LMA, NP paths registering (PER_GEN to a pbu_load, the
# file descriptors one process may have), then the LMA's CPU over
# HB_SECONDS of heartbeats, from one interval after they registered
peers() {
	np=$1
	write_config " heartbeat interval $HB_INTERVAL retries 3"
	start_lma
	c0=$(ticks); t0=$(now)
	sleep 2
	c1=$(ticks); t1=$(now)
	idle=$(cpu_pct "$c0" "$c1" "$t0" "$t1")
	outs=""
	j=0
	i=0
	# one after the other, so that their registrations do not crowd out
	# each other; each answers heartbeats until told to stop
	while [ $((j * PER_GEN)) -lt "$np" ]; do
		n=$((np - j * PER_GEN))
		[ $n -gt $PER_GEN ] && n=$PER_GEN
		out="$dir/peers$np.$j.out"
		outs="$outs $out"
		# shellcheck disable=SC2086
		ip netns exec "$nsg" $pin_gen "$GEN" -l "$LMA_ADDR" -m peers -n $n \
			-f $((j * PER_GEN)) -w "$WINDOW" -s "$peer_srcs" -t 150 \
			>"$out" 2>"$out.err" &
		gpids="$gpids $!"
		until grep -q "^  latency" "$out" 2>/dev/null; do
			i=$((i + 1))
			[ $i -lt 600 ] || die "peers did not register"
			[ -s "$out.err" ] && die "$(cat "$out.err")"
			sleep 0.1
		done
		j=$((j + 1))
	done
	sleep "$HB_INTERVAL"
	c0=$(ticks); t0=$(now)
	sleep "$HB_SECONDS"
	c1=$(ticks); t1=$(now)
	for p in $gpids; do
		kill -TERM "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	gpids=""
	busy=$(cpu_pct "$c0" "$c1" "$t0" "$t1")
	echo
	# shellcheck disable=SC2086
	sed -n 's/^RESULT //p' $outs | awk -v np="$np" -v jobs="$j" '{
		for (f = 1; f <= NF; f++) { split($f, kv, "="); v[kv[1]] += kv[2] }
	} END {
		printf "heartbeats: %d MAG paths (%d pbu_load processes), %d registered" \
		    " (%d retransmissions)\n", np, jobs, v["registered"], v["retx"]
		printf "  requests received   %d (%.0f/s), %d answered, %d peers heard from\n",
		    v["hb_req"], v["hb_per_s"], v["hb_rsp"], v["peers_heard"]
	}'
	echo "  LMA CPU             $busy % of one core over $HB_SECONDS s of heartbeats to $np" \
		"peers every $HB_INTERVAL s ($(awk -v n="$np" -v i="$HB_INTERVAL" \
		'BEGIN { printf "%.0f", n / i }') requests/s); $idle % idle before"
	stop_lma
}
if [ "$PEERS" -gt 0 ]; then
	peers "$PEERS"
	[ "$HB_SCALE" = 1 ] && [ "$HB_INTERVAL" -gt 1 ] && peers $((PEERS * HB_INTERVAL))
fi
exit 0
