#!/usr/bin/python3
"""A small load generator for jamlik serve, where wrk is not installed.

Usage: web-load.py URL [CONNECTIONS] [SECONDS] [HEADER: VALUE]

Each connection is a thread with one keep-alive HTTP/1.1 connection that
asks for URL again and again; prints requests per second and the median,
p90 and p99 latency. Python's client is slower than the server for cheap
answers (304s, the style sheet): those figures are the client's limit.
"""
import http.client
import sys
import threading
import time
import urllib.parse

url = urllib.parse.urlsplit(sys.argv[1])
conns = int(sys.argv[2]) if len(sys.argv) > 2 else 8
secs = float(sys.argv[3]) if len(sys.argv) > 3 else 5
headers = {}
if len(sys.argv) > 4:
    k, v = sys.argv[4].split(':', 1)
    headers[k.strip()] = v.strip()
path = url.path + ('?' + url.query if url.query else '')
lat, statuses, lock = [], {}, threading.Lock()
stop = time.time() + secs


def worker():
    c = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    mine, st = [], {}
    while time.time() < stop:
        t0 = time.perf_counter()
        c.request('GET', path, headers=headers)
        r = c.getresponse()
        r.read()
        mine.append(time.perf_counter() - t0)
        st[r.status] = st.get(r.status, 0) + 1
    c.close()
    with lock:
        lat.extend(mine)
        for k, v in st.items():
            statuses[k] = statuses.get(k, 0) + v


ts = [threading.Thread(target=worker) for _ in range(conns)]
t0 = time.time()
[t.start() for t in ts]
[t.join() for t in ts]
el = time.time() - t0
lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000
print('%s: %d requests in %.1f s with %d connections: %.0f req/s, median %.1f ms, '
      'p90 %.1f ms, p99 %.1f ms, statuses %s' % (sys.argv[1], len(lat), el, conns, len(lat) / el,
                                                  q(0.5), q(0.9), q(0.99), statuses))
