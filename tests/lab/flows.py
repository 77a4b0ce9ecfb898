#!/usr/bin/python3
"""flows.py — bounded test traffic for the data plane's lab tests.

  flows.py tcp-server PORT SECONDS      accepts one connection, prints the
                                        bytes it read (and echoes them back)
  flows.py tcp-client HOST PORT BYTES   sends BYTES, reads them back; prints
                                        "ok N" or the error
  flows.py udp-server PORT SECONDS      prints the datagrams it got
  flows.py udp-send HOST PORT COUNT     sends COUNT datagrams of 160 bytes,
                                        20 ms apart (a voice call's pace)

Every one ends within its time bound, whatever the network does.
"""
import socket
import sys
import time


def tcp_server(port, secs):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    s.listen(1)
    s.settimeout(secs)
    total = 0
    try:
        c, _ = s.accept()
        c.settimeout(secs)
        end = time.time() + secs
        while time.time() < end:
            b = c.recv(65536)
            if not b:
                break
            total += len(b)
            c.sendall(b)
        c.close()
    except OSError:
        pass
    print(total)


def tcp_client(host, port, nbytes):
    data = bytes(range(256)) * (nbytes // 256 + 1)
    data = data[:nbytes]
    try:
        c = socket.create_connection((host, port), timeout=10)
        c.settimeout(10)
        c.sendall(data)
        c.shutdown(socket.SHUT_WR)
        got = b""
        while len(got) < nbytes:
            b = c.recv(65536)
            if not b:
                break
            got += b
        c.close()
        print("ok %d" % len(got) if got == data else "short %d" % len(got))
    except OSError as e:
        print("error %s" % e)


def udp_server(port, secs):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    end = time.time() + secs
    n = 0
    while True:
        left = end - time.time()
        if left <= 0:
            break
        s.settimeout(left)
        try:
            s.recv(2048)
            n += 1
        except OSError:
            break
    print(n)


def udp_send(host, port, count):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", port))
    for _ in range(count):
        s.sendto(b"v" * 160, (host, port))
        time.sleep(0.02)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "tcp-server":
        tcp_server(int(args[0]), float(args[1]))
    elif cmd == "tcp-client":
        tcp_client(args[0], int(args[1]), int(args[2]))
    elif cmd == "udp-server":
        udp_server(int(args[0]), float(args[1]))
    elif cmd == "udp-send":
        udp_send(args[0], int(args[1]), int(args[2]))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
