#!/bin/sh
# tty.sh — runs tests/cli/tty.py (pmipsh on a pseudo-terminal, driven by
# pexpect) with the system's python3, which has pexpect (python3-pexpect).
exec /usr/bin/python3 "${top_srcdir:-.}/tests/cli/tty.py"
