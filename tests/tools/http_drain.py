#!/usr/bin/python3
"""A graceful stop under load (tests/e2e/400-serve.sh).

Usage: http_drain.py PORT PID

Sends requests for a dozen area pages not rendered before (each takes
tens of milliseconds, more than the workers can do at once), sends the
server SIGTERM while they are in flight or waiting for a worker, and
checks that every one is answered whole with 200 and that the server then
takes no new connection.
"""
import json
import os
import signal
import socket
import sys
import time
import urllib.request

port, pid = int(sys.argv[1]), int(sys.argv[2])
areas = json.load(urllib.request.urlopen(
    'http://127.0.0.1:%d/api/v1/divisions/primaromrade/areas' % port))['areas']
socks = []
for a in areas[:12]:
    s = socket.create_connection(('127.0.0.1', port), timeout=20)
    s.sendall(b'GET /en/omrade/primaromrade/%s?drain=1 HTTP/1.1\r\nHost: x\r\n\r\n'
              % a['code'].encode())
    socks.append(s)
time.sleep(0.02)
os.kill(pid, signal.SIGTERM)
bad = []
for i, s in enumerate(socks):
    data = b''
    while True:
        try:
            chunk = s.recv(65536)
        except (socket.timeout, ConnectionResetError) as e:
            bad.append('request %d: %s after %d bytes' % (i, e, len(data)))
            break
        if not chunk:
            break
        data += chunk
        head, _, body = data.partition(b'\r\n\r\n')
        cl = [int(l.split(b':')[1]) for l in head.split(b'\r\n') if l.lower().startswith(b'content-length:')]
        if cl and len(body) >= cl[0]:
            break
    s.close()
    head, _, body = data.partition(b'\r\n\r\n')
    cl = [int(l.split(b':')[1]) for l in head.split(b'\r\n') if l.lower().startswith(b'content-length:')]
    if not data.startswith(b'HTTP/1.1 200') or not cl or len(body) != cl[0] or b'</html>' not in body:
        bad.append('request %d: %r' % (i, data[:120]))
time.sleep(0.3)
try:
    socket.create_connection(('127.0.0.1', port), timeout=2).close()
    bad.append('a new connection was taken after SIGTERM')
except OSError:
    pass
for b in bad:
    print('FAIL:', b, file=sys.stderr)
print('%d requests in flight at SIGTERM, %d answered whole' % (len(socks), len(socks) - len(bad)))
sys.exit(1 if bad else 0)
