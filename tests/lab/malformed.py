#!/usr/bin/python3
"""malformed.py - malformed and hostile PMIPv6 signaling for tests/lab/malformed.sh.

Runs under Debian's /usr/bin/python3 (its scapy, 2.5).  The messages scapy
knows (Binding Update, Acknowledgement and Error, the MN Identifier
option) are built with scapy; heartbeats, revocations and the broken ones
are put together octet by octet here.  Everything goes in UDP to port 5436
from ordinary sockets bound to addresses of the namespace it runs in, so
that replies come back to it.

  malformed.py lma --src ADDR --dst ADDR --udp-table FILE --bindings FILE --out FILE
      From a host that can reach the LMA: every kind of malformed message,
      oversized ones, a flood, and well-formed hostile ones (a BU without
      the P flag, a PBU without MN-ID, a PBA, a BRI, a BRA, a Binding Error,
      an unsolicited heartbeat response, a de-registration from a path that
      does not hold the binding).  Checks the replies: Binding Error status
      2 for an unknown MH type, at most 10 a second; PBA status 152 and 160;
      no answer to the rest.
  malformed.py mag --src ADDR --other-src ADDR --dst ADDR,ADDR --udp-table FILE
                   --bindings FILE --out FILE
      From the LMA's node, towards both paths of the MAG: the same
      malformed messages and flood, and hostile ones (a PBU, stray PBAs, a
      BRA, a Binding Error); a heartbeat request must be answered; unknown
      MH types get Binding Errors, as from the LMA.  From
      --other-src, an address of that node that is not the LMA's: a
      heartbeat response with another restart counter, a BRI for the MN and
      a heartbeat request, all of which the MAG must refuse.
  malformed.py delta WHO BEFORE AFTER EXPECTED [--quiet]
      Compares two `show ... stats | json` outputs with the increments
      EXPECTED (written by lma or mag): every counter exact, the heartbeat
      counters (which the routers' own heartbeats also move) at least.
  malformed.py bindings WHO BEFORE AFTER
      Two `show ... binding | json` outputs hold the same bindings: same
      nodes, paths, addresses, sequence numbers and lifetimes, which ran
      on (not reset).

--udp-table is /proc/PID/net/udp of the target's pmipd: the flood waits
for the target's socket to drain before each burst, so that nothing is
lost in the kernel and every message must show in a counter; drops there
are reported.  Output: "ok - ..." and "not ok - ..." lines; the exit
status is 1 if any is "not ok".
"""

import argparse
import json
import logging
import os
import select
import socket
import struct
import sys
import time

logging.getLogger("scapy.runtime").setLevel(logging.ERROR)
from scapy.layers.inet6 import (MIP6MH_BA, MIP6MH_BE, MIP6MH_BU,  # noqa: E402
                                MIP6OptMNID, MIP6OptUnknown)

PORT = 5436
NAI = b"mn1@example.com"
FLOOD = 5000
BURST = 64            # flood messages between two looks at the target's queue
REPLY_WAIT = 5.0      # seconds for an expected answer
IP_MTU_DISCOVER, IP_PMTUDISC_DONT = 10, 0   # <linux/in.h>; not in Python's socket module
HB_KEYS = ("heartbeat_requests_received", "heartbeat_responses_sent",
           "heartbeat_responses_received", "heartbeat_requests_sent")

failures = 0


def ok(cond, what, detail=None):
    global failures
    if cond:
        print("ok - " + what)
    else:
        failures += 1
        print("not ok - " + what)
        if detail:
            for line in str(detail).splitlines():
                print("    " + line)
    sys.stdout.flush()
    return cond


# ---- building messages ---------------------------------------------------------

def opt(otype, data):
    return MIP6OptUnknown(otype=otype, odata=data)


def hi(v=1):
    return opt(23, bytes([0, v]))


def att(v=8):
    return opt(24, bytes([0, v]))


def mmb(if_att, label, bid):
    return opt(63, bytes([if_att, label, bid, 0, 0, 0]))


def mn_id(nai=NAI):
    return MIP6OptMNID(subtype=1, id=nai)


def pbu(seq=1, flags="PHA", force_udp=True, lifetime=900, options=None):
    """A (P)BU as scapy builds it; flags F..D live in its 9-bit reserved field."""
    if options is None:
        options = [mn_id(), hi(), att(), opt(36, bytes(6))]
    return bytes(MIP6MH_BU(seq=seq, flags=flags, reserved=0x100 if force_udp else 0,
                           mhtime=lifetime, options=options))


def pba(seq, status=0, nai=NAI):
    return bytes(MIP6MH_BA(seq=seq, status=status, flags="P", mhtime=900,
                           options=[mn_id(nai), hi(), att()]))


def raw_opt(otype, data):
    return bytes([otype, len(data)]) + data


def mh(mhtype, body, proto=59):
    """A Mobility Header: body follows the checksum; PadN up to a multiple of 8."""
    n = 6 + len(body)
    pad = (-n) % 8
    if pad == 1:
        body += b"\x00"          # Pad1
    elif pad:
        body += raw_opt(1, bytes(pad - 2))
    n = 6 + len(body)
    return bytes([proto, n // 8 - 1, mhtype, 0, 0, 0]) + body


def hb(seq, response=False, restart=None, options=b""):
    body = struct.pack("!HI", 1 if response else 0, seq)
    if restart is not None:
        body += b"\x00\x00" + raw_opt(28, struct.pack("!I", restart))   # 4n+2
    return mh(13, body + options)


def br(br_type, seq=1, trigger=1, nai=NAI):
    body = bytes([br_type, trigger]) + struct.pack("!HH", seq, 0x8000)
    if nai is not None:
        body += raw_opt(8, b"\x01" + nai)
    return mh(16, body)


def be(status):
    return bytes(MIP6MH_BE(status=status))


# ---- what the replies are ----------------------------------------------------------

def parse(data):
    """(type, fields) of a reply, from the octets."""
    f = {"len": len(data)}
    if len(data) < 8:
        return None, f
    t = data[2]
    if t == 6 and len(data) >= 12:
        f.update(status=data[6], flags=data[7], seq=struct.unpack("!H", data[8:10])[0])
        off = 12
    elif t == 7:
        f.update(status=data[6])
        off = len(data)
    elif t == 13 and len(data) >= 12:
        f.update(r=data[7] & 1, seq=struct.unpack("!I", data[8:12])[0])
        off = 12
    else:
        off = len(data)
    while off < len(data):
        if data[off] == 0:
            off += 1
            continue
        if off + 2 > len(data):
            break
        ot, ol = data[off], data[off + 1]
        od = data[off + 2:off + 2 + ol]
        if ot == 8:
            f["mn_id"] = od[1:]
        elif ot == 28 and len(od) == 4:
            f["restart"] = struct.unpack("!I", od)[0]
        elif ot == 63:
            f["mmb"] = od
        off += 2 + ol
    return t, f


class Peer:
    """A UDP socket of ours towards one target address."""

    def __init__(self, src, dst):
        self.dst = dst
        self.s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.s.bind((src, 0))
        # oversized messages leave in fragments
        self.s.setsockopt(socket.IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DONT)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        self.hb_seq = 0x50000000
        self.hb_sent = 0        # heartbeat requests sent (fences and others)

    def send(self, data):
        self.s.sendto(data, (self.dst, PORT))

    def drain(self, timeout=0.0):
        """Replies already here (or arriving within timeout)."""
        got = []
        end = time.monotonic() + timeout
        while True:
            left = max(0.0, end - time.monotonic())
            r, _, _ = select.select([self.s], [], [], left)
            if not r:
                return got
            data, frm = self.s.recvfrom(65535)
            got.append(parse(data))

    def fence(self):
        """Sends a heartbeat request and returns the replies that came
        before its response: the target answers in order, so these are all
        its answers to what was sent before.  None if no response came.
        The response itself is left in self.last."""
        self.hb_seq += 1
        self.hb_sent += 1
        self.send(hb(self.hb_seq))
        got = []
        self.last = None
        end = time.monotonic() + REPLY_WAIT
        while time.monotonic() < end:
            for t, f in self.drain(0.1):
                if self.last is None and t == 13 and f.get("r") == 1 and \
                        f.get("seq") == self.hb_seq:
                    self.last = f
                elif self.last is None:
                    got.append((t, f))
            if self.last is not None:
                return got
        return None


# ---- the target's socket, as the kernel sees it ---------------------------------------

def udp_entries(table, addr):
    """[(rx_queue, drops)] of the sockets bound to addr:5436 in a /proc/net/udp."""
    key = "%08X:%04X" % (struct.unpack("<I", socket.inet_aton(addr))[0], PORT)
    out = []
    try:
        with open(table) as f:
            for line in f.readlines()[1:]:
                c = line.split()
                if c[1] == key:
                    out.append((int(c[4].split(":")[1], 16), int(c[-1])))
    except OSError:
        pass
    return out


def drained(table, addrs, limit=10.0):
    """Waits until the target's sockets have read everything; their drops."""
    end = time.monotonic() + limit
    while True:
        e = [x for a in addrs for x in udp_entries(table, a)]
        if not e:
            return None
        if all(q == 0 for q, _ in e) or time.monotonic() > end:
            return sum(d for _, d in e)
        time.sleep(0.002)


# ---- the malformed messages, the same for both targets --------------------------------

def malformed_cases():
    """[(what, octets, decode reason the target must count)]"""
    good = pbu(seq=7)
    hdr = good[:12]                       # PBU fixed part, header and all
    cases = [
        ("an empty datagram", b"", "truncated message"),
        ("4 octets", bytes([59, 0, 5, 0]), "truncated message"),
        ("a PBU of its 8-octet header only", mh(5, b"\x00\x07"), "truncated message"),
        ("Header Len one unit more than sent",
         good[:1] + bytes([good[1] + 1]) + good[2:], "header length mismatch"),
        ("8 octets after the message", good + bytes(8), "header length mismatch"),
        ("a length not a multiple of 8", good + bytes(3), "header length mismatch"),
        ("payload proto 6, not 59", mh(5, good[6:], proto=6), "payload proto not 59"),
        ("MH type 23 (Subscription Response)", mh(23, bytes(10)), "unknown MH type"),
        ("MH type 200", mh(200, bytes(2)), "unknown MH type"),
        ("MH type 1 (HoTI)", mh(1, bytes(10)), "unknown MH type"),
        ("Binding Revocation type 3", br(3), "unknown revocation type"),
        ("an option running past the end",
         mh(5, hdr[6:] + raw_opt(8, b"\x01" + NAI) + bytes([24, 200, 0, 8])),
         "option overruns message"),
        # Pad1 puts the lone type octet last
        ("an option type octet without its length at the end",
         mh(5, hdr[6:] + raw_opt(8, b"\x01" + NAI) + b"\x00" + bytes([24])),
         "option overruns message"),
        ("a Handoff Indicator of length 3", mh(5, hdr[6:] + raw_opt(23, bytes([0, 1, 0]))),
         "bad option length"),
        ("a MAG Multipath Binding of length 4", mh(5, hdr[6:] + raw_opt(63, bytes([8, 1, 1, 0]))),
         "bad option length"),
        ("a Restart Counter of length 2 in a heartbeat response",
         mh(13, struct.pack("!HI", 1, 9) + raw_opt(28, bytes(2))), "bad option length"),
        ("two Access Technology Type options",
         mh(5, hdr[6:] + raw_opt(24, bytes([0, 8])) + raw_opt(24, bytes([0, 7]))),
         "duplicate option"),
        ("a Home Network Prefix of length 129",
         mh(5, hdr[6:] + bytes(2) + raw_opt(22, bytes([0, 129]) + bytes(16))),
         "bad option value"),
        ("17 Home Network Prefixes",
         mh(5, hdr[6:] + bytes(2) + raw_opt(22, bytes([0, 64]) + bytes(16)) * 17),
         "too many home network prefixes"),
    ]
    return cases


OVERSIZED = (2049, 4096, 65000)

# what the flood sends, round robin: one of each of these
FLOOD_KINDS = ("4 octets", "Header Len one unit more than sent",
               "MH type 23 (Subscription Response)", "a Handoff Indicator of length 3",
               "payload proto 6, not 59")


def flood_kinds():
    return [c for c in malformed_cases() if c[0] in FLOOD_KINDS]


def max_heartbeat():
    """A heartbeat request of exactly 2048 octets (Header Len 255): PadN options."""
    body = struct.pack("!HI", 0, 0x4d415800)
    left = 2048 - 6 - len(body)
    while left > 0:
        n = min(left, 257)
        if left - n == 1:
            n -= 2                      # leave no single octet behind
        body += raw_opt(1, bytes(n - 2))
        left -= n
    return mh(13, body)


def run_malformed(peers, table, addrs, expect, who):
    """Sends the malformed, oversized and flood messages to each of peers."""
    p0 = peers[0]
    for what, data, reason in malformed_cases():
        for p in peers:
            p.send(data)
            expect["malformed:" + reason] += 1
    for p in peers:
        got = p.fence()
        bes = [f for t, f in got or [] if t == 7]
        expect["binding_errors_sent"] += len(bes)
        ok(got is not None and len(bes) == 3 and all(f["status"] == 2 for f in bes) and
           len(got) == 3,
           "%s answers each of the 3 unknown MH types with a Binding Error status 2, "
           "and nothing else (%s)" % (who, p.dst), got)

    for size in OVERSIZED:
        for p in peers:
            p.send(bytes([59, 255, 13, 0]) + bytes(size - 4))
            expect["dropped_oversized"] += 1
            drained(table, addrs)
    big = max_heartbeat()
    for p in peers:
        p.send(big)
        expect["heartbeat_requests_received"] += 1
        expect["heartbeat_responses_sent"] += 1
    for p in peers:
        got = p.fence()
        rsp = [f for t, f in got or [] if t == 13 and f.get("r") == 1 and
               f.get("seq") == 0x4d415800]
        ok(got is not None and len(rsp) == 1 and len(got) == 1, "%s answers a 2048-octet heartbeat request (%s) "
           "and drops 2049, 4096 and 65000 octets" % (who, p.dst), got)

    # Binding Errors: at most 10 a second.  A quiet second first, so that
    # the burst starts a second of its own.
    time.sleep(1.1)
    for _ in range(30):
        p0.send(mh(23, bytes(10)))
        expect["malformed:unknown MH type"] += 1
    got = p0.fence()
    bes = [f for t, f in got or [] if t == 7 and f["status"] == 2]
    expect["binding_errors_sent"] += len(bes)
    ok(got is not None and len(bes) == 10,
       "%s answers a burst of 30 unknown MH types with exactly 10 Binding Errors "
       "(got %d)" % (who, len(bes)), got)

    # the flood, after another quiet second, so that the Binding Errors
    # have a full second's worth to give
    time.sleep(1.1)
    kinds = flood_kinds()
    drops0 = drained(table, addrs)
    start = time.monotonic()
    sent = 0
    while sent < FLOOD and time.monotonic() - start < 60:
        if sent % BURST == 0 and drained(table, addrs, 5.0) is None:
            break
        what, data, reason = kinds[sent % len(kinds)]
        peers[sent % len(peers)].send(data)
        expect["malformed:" + reason] += 1
        sent += 1
    drops1 = drained(table, addrs)
    took = time.monotonic() - start
    ok(sent == FLOOD, "%s: flood of %d malformed messages sent in %.2f s" % (who, sent, took))
    ok(drops0 is not None and drops1 == drops0,
       "%s: the kernel dropped none of them (socket drops %s -> %s)" % (who, drops0, drops1))
    got = [x for p in peers for x in (p.fence() or [])]
    bes = [f for t, f in got if t == 7]
    expect["binding_errors_sent"] += len(bes)
    limit = 10 * (int(took) + 2)
    ok(10 <= len(bes) <= limit and all(f["status"] == 2 for f in bes) and len(got) == len(bes),
       "%s: the flood's unknown MH types get Binding Errors, at most 10 a second, "
       "and nothing else (%d in %.2f s)" % (who, len(bes), took))


# ---- the LMA -------------------------------------------------------------------------

def lma_bindings(path):
    b = json.load(open(path))
    return {p["bid"]: p for n in b["mobile_nodes"] for p in n["paths"]}


def run_lma(a):
    expect = Counter()
    p = Peer(a.src, a.dst)
    paths = lma_bindings(a.bindings)
    ok(len(paths) == 2, "the LMA holds two bindings to begin with", paths)

    run_malformed([p], a.udp_table, [a.dst], expect, "LMA")

    # well formed, but hostile
    p.send(pbu(seq=100, flags="HA", options=[mn_id(), hi(), att(), mmb(8, 1, 1)]))
    got = p.fence()
    ok(got is not None and len(got) == 1 and got[0][0] == 6 and got[0][1]["status"] == 152 and
       not got[0][1]["flags"] & 0x20 and got[0][1].get("seq") == 100,
       "a BU without the P flag is refused: PBA status 152 (PROXY_REG_NOT_ENABLED), no P flag",
       got)
    expect.update(["pbu_received", "pba_sent", "pba_rejected", "rejected:152"])

    p.send(pbu(seq=101, options=[hi(), att(), opt(36, bytes(6))]))
    got = p.fence()
    ok(got is not None and len(got) == 1 and got[0][0] == 6 and got[0][1]["status"] == 160 and
       got[0][1].get("mn_id") == b"",
       "a PBU without MN-ID is refused: PBA status 160 with a zero-length MN-ID", got)
    expect.update(["pbu_received", "pba_sent", "pba_rejected", "rejected:160"])

    # a de-registration of the LTE binding, from a path that does not hold
    # it, with the next sequence number: ignored (RFC 5213 §5.3.5)
    lte = paths.get(1, {})
    seq = (lte.get("sequence", 0) + 1) & 0xffff
    p.send(pbu(seq=seq, lifetime=0, options=[mn_id(), hi(), att(), opt(36, bytes(6)),
                                              mmb(8, 1, 1), opt(64, b"\x01\x00MAG1")]))
    got = p.fence()
    ok(got == [], "a de-registration from a path that does not hold the binding is ignored: "
       "no answer", got)
    expect.update(["pbu_received", "dereg_received", "dropped_unexpected"])

    for what, data, key in (
            ("a PBA", pba(seq=lte.get("sequence", 0)), "dropped_unexpected"),
            ("a BRI", br(1), "dropped_unexpected"),
            ("a Binding Error", be(1), "dropped_unexpected"),
            ("a BRA", br(2, trigger=0, nai=None), "bra_received"),
            ("an unsolicited heartbeat response", hb(1, response=True, restart=4242),
             "dropped_unexpected")):
        p.send(data)
        expect[key] += 1
        if what.endswith("heartbeat response"):
            expect["heartbeat_responses_received"] += 1
        got = p.fence()
        ok(got == [], "the LMA does not answer %s sent to it" % what, got)
    expect["heartbeat_requests_received"] += p.hb_sent
    expect["heartbeat_responses_sent"] += p.hb_sent
    return expect


# ---- the MAG -------------------------------------------------------------------------

def run_mag(a):
    expect = Counter()
    dsts = a.dst.split(",")
    peers = [Peer(a.src, d) for d in dsts]
    b = json.load(open(a.bindings))
    paths = {p["coa"]: p for n in b["mobile_nodes"] for p in n["paths"]}
    ok(sorted(paths) == sorted(dsts), "the MAG has a binding on each of %s" % a.dst, paths)

    run_malformed(peers, a.udp_table, dsts, expect, "MAG")

    for p in peers:
        seq = paths.get(p.dst, {}).get("sequence", 0)
        for what, data, keys in (
                ("a PBU", pbu(seq=(seq + 1) & 0xffff), ["dropped_unexpected"]),
                ("a PBA for a node it does not serve", pba(seq, nai=b"nobody@example.com"),
                 ["pba_received", "dropped_unexpected"]),
                ("a PBA with a sequence number it did not send", pba((seq - 1) & 0xffff),
                 ["pba_received", "dropped_unexpected"]),
                ("a BRA", br(2, trigger=0, nai=None), ["dropped_unexpected"]),
                ("a Binding Error status 1", be(1), ["dropped_unexpected"])):
            p.send(data)
            expect.update(keys)
            got = p.fence()
            ok(got == [], "the MAG (%s) does not answer %s" % (p.dst, what), got)

    # a heartbeat request from the LMA's address is answered, with the
    # MAG's restart counter
    for p in peers:
        got = p.fence()
        ok(got == [] and p.last is not None and p.last.get("restart") == 1,
           "the MAG (%s) answers a heartbeat request with its restart counter, 1" % p.dst,
           "%s %s" % (got, p.last))

    # from an address of the same node that is not the LMA's: a restart,
    # a revocation, a request.  The MAG must not believe any of them.
    for p in peers:
        o = Peer(a.other_src, p.dst)
        for what, data in (
                ("a heartbeat response with another restart counter",
                 hb(7, response=True, restart=0x7e57)),
                ("a BRI for its mobile node", br(1, seq=77)),
                ("a heartbeat request", hb(8))):
            o.send(data)
            expect["dropped_unauthorized"] += 1
            got = p.fence()
            # an answer to the other address may wait for ARP: give it time
            late = o.drain(0.3)
            ok(got == [] and late == [],
               "the MAG (%s) ignores %s from %s, which is not its LMA" % (p.dst, what,
                                                                         a.other_src),
               "%s %s" % (got, late))
    for p in peers:
        expect["heartbeat_requests_received"] += p.hb_sent
        expect["heartbeat_responses_sent"] += p.hb_sent
    return expect


# ---- comparing show output ----------------------------------------------------------------

class Counter(dict):
    def __missing__(self, key):
        return 0

    def update(self, keys):
        for k in keys:
            self[k] += 1


def flatten(stats):
    """One router's stats as {key: number}; lists by status / reason as keys."""
    out = {}
    for k, v in stats.items():
        if isinstance(v, bool) or isinstance(v, str):
            continue
        if isinstance(v, int):
            out[k] = v
        elif k == "rejected_by_status":
            for e in v:
                out["rejected:%d" % e["status"]] = e["count"]
        elif k == "malformed_by_reason":
            for e in v:
                out["malformed:" + e["reason"]] = e["count"]
    return out


def delta(a):
    before = flatten(json.load(open(a.before))[0])
    after = flatten(json.load(open(a.after))[0])
    want = json.load(open(a.expected))
    want["dropped_malformed"] = sum(v for k, v in want.items() if k.startswith("malformed:"))
    keys = sorted(set(before) | set(after) | set(want))
    d = {k: after.get(k, 0) - before.get(k, 0) for k in keys}
    exact = [k for k in keys if k not in HB_KEYS]
    wrong = [k for k in exact if d[k] != want.get(k, 0)] + \
        [k for k in HB_KEYS if d.get(k, 0) < want.get(k, 0)]
    if a.quiet:
        return 1 if wrong else 0
    for k in exact:
        if want.get(k, 0):
            ok(d[k] == want[k], "%s counted %s: +%d (expected +%d)" % (a.who, k, d[k], want[k]))
    others = [k for k in exact if not want.get(k, 0) and d[k]]
    ok(not others, "%s: no other counter moved" % a.who,
       "\n".join("%s: +%d" % (k, d[k]) for k in others))
    for k in HB_KEYS:
        if want.get(k, 0):
            ok(d.get(k, 0) >= want[k], "%s: %s +%d, at least the test's %d (and the routers' own)"
               % (a.who, k, d.get(k, 0), want[k]))
    return 1 if failures else 0


VOLATILE = ("age", "lifetime_remaining")


def bindings(a):
    before = json.load(open(a.before))
    after = json.load(open(a.after))

    def strip(b):
        return json.loads(json.dumps(b), object_hook=lambda o: {k: v for k, v in o.items()
                                                               if k not in VOLATILE})

    def paths(b):
        return [p for n in b["mobile_nodes"] for p in n["paths"]]

    ok(before["bindings"] == after["bindings"] == 2,
       "%s: still 2 bindings (%s, %s)" % (a.who, before["bindings"], after["bindings"]))
    same = strip(before) == strip(after)
    ok(same, "%s: the bindings are unchanged: nodes, addresses, paths, sequence numbers"
       % a.who, "before: %s\nafter:  %s" % (json.dumps(before), json.dumps(after)))
    # a refresh would set the remaining lifetime back: it must have gone
    # down by the time between the two snapshots (give or take the
    # rounding and the time pmipsh took)
    elapsed = os.path.getmtime(a.after) - os.path.getmtime(a.before)
    pb, pa = paths(before), paths(after)
    ran = [x["lifetime_remaining"] - y["lifetime_remaining"] for x, y in zip(pb, pa)]
    ok(len(pb) == len(pa) and all(abs(r - elapsed) <= 2.5 for r in ran),
       "%s: the lifetimes ran on, none was reset (remaining %s -> %s in %.1f s)" % (
           a.who, [x["lifetime_remaining"] for x in pb], [y["lifetime_remaining"] for y in pa],
           elapsed))
    return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("lma", "mag"):
        s = sub.add_parser(name)
        s.add_argument("--src", required=True)
        s.add_argument("--dst", required=True)
        s.add_argument("--udp-table", required=True)
        s.add_argument("--bindings", required=True)
        s.add_argument("--out", required=True)
        if name == "mag":
            s.add_argument("--other-src", required=True)
    s = sub.add_parser("delta")
    s.add_argument("who")
    s.add_argument("before")
    s.add_argument("after")
    s.add_argument("expected")
    s.add_argument("--quiet", action="store_true")
    s = sub.add_parser("bindings")
    s.add_argument("who")
    s.add_argument("before")
    s.add_argument("after")
    a = ap.parse_args()

    if a.cmd in ("lma", "mag"):
        expect = run_lma(a) if a.cmd == "lma" else run_mag(a)
        with open(a.out, "w") as f:
            json.dump(dict(expect), f, indent=1, sort_keys=True)
        return 1 if failures else 0
    if a.cmd == "delta":
        return delta(a)
    return bindings(a)


if __name__ == "__main__":
    sys.exit(main())
