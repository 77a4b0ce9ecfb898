#!/usr/bin/python3
"""tty.py -- pmipsh on a terminal (a pseudo-terminal driven by pexpect).

Starts a pmipd in a network namespace made for the test, with an enable
secret and a configuration longer than a screen, and checks what a person
at the keyboard sees: the first prompt; ? answered on the key press, with
the line kept for editing; Tab completion; Ctrl-C and Ctrl-Z; the enable
password question without echo; the --More-- pager and its keys; history
on the up arrow; exit.  Terminal control sequences are taken out before
comparing (the text is what is left on the screen line by line); the
comparisons are exact.

Also prints, without asserting anything about them, how long pmipsh takes
from its start to the first prompt and how long a ? takes to be answered.

Run by tests/cli/tty.sh (make check) as root: PMIPD, PMIPSH name the
binaries.  Exit status 0 pass, 1 fail, 99 cannot run.  With --timings RUNS
it only measures (tests/bench/bench_shell.sh), over RUNS starts and 4 x RUNS
presses of ?.
"""
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# this file is called tty.py: keep it from hiding the standard module tty,
# which pexpect imports
sys.path = [p for p in sys.path
            if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import pexpect  # noqa: E402

PMIPD = os.environ.get("PMIPD", "./pmipd")
PMIPSH = os.environ.get("PMIPSH", "./pmipsh")
NS = "pmipsim-tty%d" % os.getpid()
DIR = tempfile.mkdtemp(prefix="pmipsim-tty.")
SOCK = os.path.join(DIR, "pmipd.sock")
SECRET = "s3cret"
# a terminal whose capabilities carry padding ($<3>), as consoles have
TERM = "vt100"

failures = []
daemon = None
have_ns = False


def stop_daemon():
    global daemon
    if daemon is not None:
        daemon.terminate()
        try:
            daemon.wait(5)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        daemon = None


def cleanup():
    global have_ns
    stop_daemon()
    if have_ns:
        subprocess.run(["ip", "netns", "del", NS], stderr=subprocess.DEVNULL)
        have_ns = False
    shutil.rmtree(DIR, ignore_errors=True)


def on_signal(signum, frame):
    cleanup()
    sys.exit(1)


CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>]|[\r\x00\x07]")


def screen_map(raw):
    """raw without terminal control sequences, carriage returns, padding
    NULs and bells; and for each character left, where it ends in raw."""
    text, ends, pos = [], [], 0
    for m in CONTROL.finditer(raw):
        for i in range(pos, m.start()):
            text.append(raw[i])
            ends.append(i + 1)
        pos = m.end()
    for i in range(pos, len(raw)):
        text.append(raw[i])
        ends.append(i + 1)
    return "".join(text), ends


def screen_text(raw):
    return screen_map(raw)[0]


def check(what, got, want):
    if got == want:
        print("ok   %s" % what)
        return True
    failures.append(what)
    print("FAIL %s\n  want: %r\n  got:  %r" % (what, want, got))
    return False


def start_daemon():
    global daemon, have_ns
    if subprocess.run(["ip", "netns", "add", NS]).returncode != 0:
        print("tty: cannot create a network namespace")
        sys.exit(99)
    have_ns = True
    subprocess.run(["ip", "-n", NS, "link", "set", "lo", "up"], check=True)
    log = open(os.path.join(DIR, "pmipd.log"), "w")
    daemon = subprocess.Popen(["ip", "netns", "exec", NS, PMIPD, "-d", DIR, "-f"],
                              stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while not os.path.exists(SOCK):
        if time.monotonic() > deadline or daemon.poll() is not None:
            print("tty: pmipd did not start")
            sys.exit(1)
        time.sleep(0.05)


def batch(*cmds):
    args = [PMIPSH, "-s", SOCK]
    for c in cmds:
        args += ["-c", c]
    r = subprocess.run(args, capture_output=True, text=True, timeout=30)
    if r.returncode != 0:
        print("tty: pmipsh -c failed: %s" % r.stdout)
        sys.exit(1)
    return r.stdout


def spawn():
    env = dict(os.environ, TERM=TERM)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    c = pexpect.spawn(PMIPSH, ["-s", SOCK], dimensions=(24, 80), encoding="utf-8",
                      codec_errors="replace", timeout=10, env=env)
    # keys go as soon as the expected text is on the screen, as fast as a
    # script types (and no delay in the timings)
    c.delaybeforesend = None
    return c


class Term:
    """A pmipsh session.  until(s) waits for the text s to be on the screen
    and returns the screen text from where the last until() stopped."""

    def __init__(self):
        self.t0 = time.monotonic()
        self.c = spawn()
        self.raw = ""		# received, not yet returned by until()
        self.log = []

    def send(self, keys):
        self.c.send(keys)

    def _read(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            raise pexpect.TIMEOUT("waiting for output; the last of it: %r"
                                  % "".join(self.log)[-400:])
        try:
            chunk = self.c.read_nonblocking(65536, timeout=min(left, 0.5))
        except pexpect.TIMEOUT:
            return
        self.raw += chunk
        self.log.append(chunk)

    def until(self, s, timeout=10):
        deadline = time.monotonic() + timeout
        while True:
            text, ends = screen_map(self.raw)
            i = text.find(s)
            if i >= 0:
                cut = ends[i + len(s) - 1]
                self.raw = self.raw[cut:]
                return text[:i + len(s)]
            self._read(deadline)

    def nothing_more(self, wait=0.3):
        """What arrives within wait seconds (nothing, usually)."""
        deadline = time.monotonic() + wait
        try:
            while time.monotonic() < deadline:
                self._read(deadline)
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            return "<EOF>"
        text = screen_text(self.raw)
        self.raw = ""
        return text


def interactive():
    HELP_SHOW_USER = (
        "  clock       Display the system clock\n"
        "  history     Display the session command history\n"
        "  interfaces  Interface status and configuration\n"
        "  ip          IP information\n"
        "  ipv6        IPv6 information\n"
        "  privilege   Show current privilege level\n"
        "  terminal    Display terminal configuration parameters\n"
        "  users       Display information about terminal lines\n"
        "  version     System hardware and software status\n")

    t = Term()
    check("first prompt, nothing before it", t.until("Router>"), "Router>")

    # ? after "show ": the list at once, no Enter, then the line again
    t.send("show ")
    t.until("show ")
    t.send("?")
    check("? after 'show '", t.until("Router>show "), "?\n" + HELP_SHOW_USER + "\nRouter>show ")
    check("nothing else after the ? answer", t.nothing_more(), "")
    # the line is still there: typing the rest runs show version
    t.send("version\r")
    out = t.until("Router>")
    check("the kept line ran show version", out.split("\n")[:2],
          ["version", "pmipsim Software (PMIPSIM-LINUX-M), Version 0.1.0, RELEASE SOFTWARE "
           "(emulating IOS 15.6(1)T)"])
    check("show version ends with the configuration register",
          out.split("\n")[-2:], ["Configuration register is 0x2102", "Router>"])

    # ? after a partial word lists the words it may become
    t.send("show ver?")
    check("? after a partial word", t.until("Router>show ver"),
          "show ver?\nversion  \n\nRouter>show ver")
    t.send("\x15")		# Ctrl-U empties the line
    t.send("e?")
    check("? after a partial first word", t.until("Router>e"),
          "e?\nenable  exit  \n\nRouter>e")
    t.send("\x15")
    t.send("x?")
    check("? on a word that matches nothing", t.until("Router>x"),
          "x?\n% Unrecognized command\nRouter>x")
    t.send("\x15")

    # Tab: a unique prefix is completed, an ambiguous one lists the choices
    t.send("sh\t")
    check("Tab completes sh", t.until("show "), "show ")
    t.send("i\t")
    check("Tab on an ambiguous prefix", t.until("Router>show i"),
          "i\ninterfaces  ip  ipv6  \nRouter>show i")
    t.send("p int\t")
    check("Tab completes after a listing", t.until("interface "), "p interface ")
    t.send("brief\r")
    check("the completed line runs", t.until("Router>"),
          "brief\nInterface                  IP-Address      OK? Method Status"
          "                Protocol\nRouter>")

    # Ctrl-C drops the line (Enter afterwards runs nothing)
    t.send("show clock\x03")
    check("Ctrl-C", t.until("Router>"), "show clock^C\nRouter>")
    t.send("\r")
    check("the dropped line does not run", t.until("Router>"), "\nRouter>")
    t.send("\x03")
    check("Ctrl-C on an empty line", t.until("Router>"), "^C\nRouter>")

    # enable asks for the secret without echoing it; a wrong one asks again
    t.send("enable\r")
    check("enable asks for the secret", t.until("Password: "), "enable\nPassword: ")
    t.send("wrong\r")
    check("a wrong secret: asked again, not echoed", t.until("Password: "), "\nPassword: ")
    t.send("wro\x03")
    check("Ctrl-C at Password: shows nothing, ends nothing", t.nothing_more(), "")
    t.send(SECRET + "\r")
    check("Ctrl-C drops what was typed; the right secret, not echoed", t.until("Router#"),
          "\nRouter#")

    # ping: a mark as each echo ends; Ctrl-^ (the IOS escape sequence) stops
    # it; what is typed meanwhile runs after it
    t.send("ping 127.0.0.1 repeat 3\r")
    got = t.until("Router#")
    check("ping the loopback", re.sub(r"= \d+/\d+/\d+ ms", "= T ms", got),
          "ping 127.0.0.1 repeat 3\nType escape sequence to abort.\n"
          "Sending 3, 100-byte ICMP Echos to 127.0.0.1, timeout is 2 seconds:\n!!!\n"
          "Success rate is 100 percent (3/3), round-trip min/avg/max = T ms\nRouter#")
    t.send("ping 192.0.2.1 repeat 100 timeout 1\r")
    t.until("timeout is 1 seconds:\n.")
    t.send("show privilege\r")
    check("keys typed during the ping are not shown yet", t.nothing_more(), "")
    t.send("\x1e")
    got = t.until("Router#")
    check("Ctrl-^ stops the ping at once",
          re.sub(r"\(0/[12]\)", "(0/1)", got), "\nSuccess rate is 0 percent (0/1)\nRouter#")
    check("then what was typed runs", t.until("Router#"),
          "show privilege\nCurrent privilege level is 15\nRouter#")
    # an answer begun before its question shows is one answer, not echoed
    t.send("disable\r")
    t.until("Router>")
    t.send("enable\r" + SECRET[:3])
    t.until("Password: ")
    t.send(SECRET[3:] + "\r")
    check("a secret typed partly ahead of Password: still enables", t.until("Router#"),
          "\nRouter#")

    # Ctrl-Z leaves configuration mode, from a submode, with or without text
    t.send("configure terminal\r")
    check("configure terminal", t.until("Router(config)#"),
          "configure terminal\nEnter configuration commands, one per line.  End with CNTL/Z."
          "\nRouter(config)#")
    t.send("interface Ethernet0/1\r")
    t.until("Router(config-if)#")
    t.send("\x1a")
    check("Ctrl-Z in config-if", t.until("Router#"), "^Z\nRouter#")
    t.send("conf t\r")
    t.until("Router(config)#")
    t.send("\x1a")
    check("Ctrl-Z on an empty line", t.until("Router#"), "^Z\nRouter#")
    t.send("show privilege\r")
    check("still connected after Ctrl-Z", t.until("Router#"),
          "show privilege\nCurrent privilege level is 15\nRouter#")

    # the pager: 5 lines a screen, so 4 lines a page
    run = batch("show running-config").split("\n")
    body = run[3:]		# from the first "!"
    t.send("terminal length 5\r")
    t.until("Router#")
    t.send("show running-config\r")
    page = t.until(" --More-- ")
    check("first page", page, "show running-config\n" + "\n".join(run[:4]) + "\n --More-- ")
    t.send(" ")
    page = t.until(" --More-- ")
    check("space: the next page (the prompt erased first)", page,
          "\n".join(run[4:8]) + "\n --More-- ")
    t.send("\r")
    page = t.until(" --More-- ")
    check("Enter: one more line", page, run[8] + "\n --More-- ")
    t.send("q")
    page = t.until("Router#")
    check("q: no more output, the prompt", page, "Router#")
    check("the output was longer than what was shown", len(body) > 12, True)
    t.send("terminal length 0\r")
    t.until("Router#")

    # the up arrow recalls the last lines
    t.send("\x1b[A")
    check("up arrow recalls the last line", t.until("terminal length 0"), "terminal length 0")
    t.send("\x1b[A\x1b[A")
    check("up arrow twice more", t.until("show running-config"), "show running-config")
    t.send("\x15show privilege\r")
    t.until("Router#")
    t.send("\x1b[A\r")
    check("a recalled line runs", t.until("Router#"),
          "show privilege\nCurrent privilege level is 15\nRouter#")

    # exit ends pmipsh with status 0
    t.send("exit\r")
    t.c.expect(pexpect.EOF, timeout=10)
    t.c.close()
    check("exit status", t.c.exitstatus, 0)
    check("no memory error in pmipsh",
          any(s in "".join(t.log) + (t.c.before or "")
              for s in ("AddressSanitizer", "LeakSanitizer", "runtime error")), False)


def first_output(argv, want):
    """Seconds from forking argv on a new pseudo-terminal to want on it."""
    env = dict(os.environ, TERM=TERM)
    t0 = time.monotonic()
    pid, fd = os.forkpty()
    if pid == 0:
        os.execve(argv[0], argv, env)
    seen = b""
    try:
        while want not in seen:
            ready, _, _ = select.select([fd], [], [], 10)
            if not ready:
                return float("nan")
            seen += os.read(fd, 4096)
        return time.monotonic() - t0
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def timings(runs=5, presses=10):
    starts, helps = [], []
    # pmipsh's start as a shell starts it (fork, exec on a terminal), and
    # what the same costs a program that only prints (printf): the part of
    # the figure that is not pmipsh's
    shell = [first_output([os.path.abspath(PMIPSH), "-s", SOCK], b"Router>")
             for _ in range(runs)]
    base = [first_output(["/usr/bin/printf", "Router>"], b"Router>") for _ in range(runs)]
    for _ in range(runs):
        t = Term()
        t.until("Router>")
        starts.append(time.monotonic() - t.t0)
        t.send("show ")
        t.until("show ")
        for _ in range(presses // runs):
            t0 = time.monotonic()
            t.send("?")
            t.until("Router>show ")
            helps.append(time.monotonic() - t0)
        t.send("\x15exit\r")
        t.c.expect(pexpect.EOF, timeout=10)
        t.c.close()
    for what, v in (("pmipsh start to first prompt", shell),
                    ("printf start to its output (the same way)", base),
                    ("pmipsh start to first prompt, under pexpect", starts)):
        print("%s: %.1f ms (mean of %d; min %.1f, max %.1f)" %
              (what, 1000 * sum(v) / len(v), len(v), 1000 * min(v), 1000 * max(v)))
    print("? answered in: %.1f ms (mean of %d; min %.1f, max %.1f)" %
          (1000 * sum(helps) / len(helps), len(helps), 1000 * min(helps), 1000 * max(helps)))


def main():
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    only_timings = len(sys.argv) == 3 and sys.argv[1] == "--timings"
    try:
        start_daemon()
        cmds = ["configure terminal", "enable secret 0 " + SECRET]
        for i in range(8):
            cmds += ["interface Ethernet%d/%d" % (i // 4, i % 4),
                     "description link number %d" % i]
        batch(*cmds, "end")
        if only_timings:
            runs = int(sys.argv[2])
            timings(runs, 4 * runs)
            return 0
        interactive()
        timings()
        stop_daemon()
        log = open(os.path.join(DIR, "pmipd.log")).read()
        check("no memory error in pmipd",
              any(s in log for s in ("AddressSanitizer", "LeakSanitizer", "runtime error")),
              False)
    except pexpect.ExceptionPexpect as e:
        failures.append("pexpect: %s" % str(e).split("\n")[0])
        print("FAIL %s" % e)
    finally:
        cleanup()
    if failures:
        print("tty: %d failure(s): %s" % (len(failures), ", ".join(failures)))
        return 1
    print("tty: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
