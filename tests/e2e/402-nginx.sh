#!/bin/sh
# 402: deploy/nginx.conf in front of jamlik serve on the demo database: a
# real nginx from Debian on loopback (plain HTTP on a free port, no root
# needed: its pid, logs and temporary files in the test's folder), pages
# fetched through it with curl: status, headers, content, the body limit,
# conditional GET, the style sheet from nginx, the per-address rate limit.
. "$(dirname "$0")/lib.sh"
set -e
. "$(dirname "$0")/serve-lib.sh"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || fail "nginx is not installed (make deps installs it)"

(cd "$T" && jl --quiet demo > /dev/null) || fail "demo"
serve_start "$T/demo.db" --threads 2
NPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$T/static" "$T/logs" "$T/tmp"
cp "$SRC/src/web/jamlik.css" "$T/static/"
# nginx's workers run as nobody when the master is root: let them in.
chmod 755 "$T" "$T/static"
chmod 777 "$T/tmp"

# The test's config: deploy/nginx.conf with TLS and the redirect taken
# out, plain HTTP on NPORT, the backend on PORT, every path in $T.
python3 - "$SRC/deploy/nginx.conf" "$T" "$NPORT" "$PORT" > "$T/nginx.conf" <<'PY'
import re, sys
src, t, nport, port = sys.argv[1:]
c = open(src).read()
c = re.sub(r'(?m)^user .*\n', '', c)
c = c.replace('pid /run/nginx.pid;', 'pid %s/nginx.pid;' % t)
c = re.sub(r'/var/log/nginx/', t + '/logs/', c)
c = re.sub(r'(?s)\n    server \{[^{}]*return 301[^{}]*\}\n', '\n', c)
c = re.sub(r'(?m)^\s*ssl_.*\n', '', c)
c = re.sub(r'(?m)^\s*listen \[::\]:443 .*\n', '', c)
c = c.replace('listen 443 ssl http2;', 'listen 127.0.0.1:%s;' % nport)
c = c.replace('server 127.0.0.1:8080;', 'server 127.0.0.1:%s;' % port)
c = c.replace('/usr/local/share/jamlik/static/', t + '/static/')
c = c.replace('http {\n', 'http {\n' + ''.join('    %s_temp_path %s/tmp/%s;\n' % (k, t, k)
              for k in ('client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi')), 1)
assert 'ssl' not in c and '8080' not in c and '/var/' not in c, c
print(c)
PY
"$NGINX" -t -q -c "$T/nginx.conf" -p "$T" -e "$T/logs/error.log" || fail "nginx -t"
"$NGINX" -c "$T/nginx.conf" -p "$T" -e "$T/logs/error.log" -g 'daemon off;' &
NGINX_PID=$!
trap 'kill $NGINX_PID $SERVE_PID 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -s -o /dev/null "http://127.0.0.1:$NPORT/static/jamlik.css"; do
    i=$((i + 1)); [ $i -lt 100 ] || { cat "$T/logs/error.log" >&2; fail "nginx did not start"; }
    sleep 0.1
done
U="http://127.0.0.1:$NPORT"

# fetch PATH [CURL-OPTIONS]: status into $T/st, headers $T/h, body $T/b
fetch() {
    p=$1; shift
    curl -s -D "$T/h" -o "$T/b" -w '%{http_code}' "$@" "$U$p" > "$T/st"
}
expect_fetch() {
    want=$1; shift
    fetch "$@"
    [ "$(cat "$T/st")" = "$want" ] || { head -c 400 "$T/b" >&2; fail "$*: status $(cat "$T/st"), want $want"; }
}
header() { grep -qi "^$1" "$T/h" || { cat "$T/h" >&2; fail "no header $1"; }; }

expect_fetch 200 /
header "Content-Security-Policy: default-src 'self'.*frame-ancestors 'none'"
header "X-Content-Type-Options: nosniff"
header "Referrer-Policy: no-referrer"
header "Strict-Transport-Security: max-age=31536000"
header "Server: nginx.\?$"
grep -q '<html lang="sv">' "$T/b" || fail "start page"
grep -q 'href="/omrade/mellanomrade/71">Backa</a>' "$T/b" || fail "link to Backa"
etag=$(sed -n 's/^ETag: *\(.*\)\r$/\1/ip' "$T/h")
[ -n "$etag" ] || fail "no ETag through nginx"
expect_fetch 304 / -H "If-None-Match: $etag"

expect_fetch 200 /omrade/mellanomrade/71
grep -q '<h1>Backa</h1>' "$T/b" || fail "area page"
grep -q 'Andel utrikes födda' "$T/b" || fail "living conditions on the area page"
grep -q 'href="/en/omrade/mellanomrade/71"' "$T/b" || fail "language switch"
expect_fetch 200 /en/omrade/mellanomrade/71
grep -q '<html lang="en">' "$T/b" || fail "English page"
grep -q 'Share born abroad' "$T/b" || fail "English indicator name"
expect_fetch 200 /metod
grep -q 'syntetiska\|Syntetiska' "$T/b" || fail "method page names the synthetic data"
grep -q 'CC0' "$T/b" || fail "method page names the licences"

expect_fetch 200 /api/v1/divisions
header "Content-Type: application/json"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert len(d["divisions"]) == 5' "$T/b" \
    || fail "divisions JSON"
expect_fetch 200 "/api/v1/indicators/utrikes_fodda_andel?division=mellanomrade&period=2023"
python3 - "$T/b" <<'PY' || fail "indicator JSON"
import json, sys
d = json.load(open(sys.argv[1]))["indicator"]
assert d["period"] == "2023" and d["division"] == "mellanomrade", d
backa = [a for a in d["areas"] if a["code"] == "71"][0]
assert abs(backa["value"] - 41.9) < 0.05 and backa["status"] == "ok", backa
PY
expect_fetch 404 /api/v1/indicators/nope
grep -q '"status":404' "$T/b" || fail "API 404 as JSON"
expect_fetch 404 /nope
grep -q '<html lang="sv">' "$T/b" || fail "404 page"

# The style sheet comes from nginx's static files, with the headers.
expect_fetch 200 /static/jamlik.css
header "X-Content-Type-Options: nosniff"
cmp -s "$T/b" "$SRC/src/web/jamlik.css" || fail "style sheet"
# A walk up: nginx passes the target as it came, jamlik refuses it.
fetch /static/../demo.db --path-as-is
case $(cat "$T/st") in 400|404) ;; *) fail "/static/../demo.db: $(cat "$T/st")" ;; esac
fetch /static/%2e%2e/demo.db --path-as-is
case $(cat "$T/st") in 400|404) ;; *) fail "/static/%2e%2e/demo.db: $(cat "$T/st")" ;; esac
expect_fetch 404 /static/other.css
# Bodies: over nginx's limit refused there; small ones reach jamlik (413, 405).
head -c 10000 /dev/zero > "$T/big"
expect_fetch 413 / --data-binary @"$T/big"
expect_fetch 405 /metod -X POST --data-binary x
expect_fetch 413 /metod -X GET --data-binary x

# The per-address limit: a burst far over 20 requests a second gets 429s.
python3 - "$NPORT" <<'PY' || fail "no 429 from the rate limit"
import sys, threading, urllib.request, urllib.error
codes = []
def hit():
    for _ in range(10):
        try:
            codes.append(urllib.request.urlopen('http://127.0.0.1:%s/static/jamlik.css' % sys.argv[1]).status)
        except urllib.error.HTTPError as e:
            codes.append(e.code)
ts = [threading.Thread(target=hit) for _ in range(10)]
[t.start() for t in ts]
[t.join() for t in ts]
print(sorted(set(codes)))
sys.exit(0 if 429 in codes and 200 in codes else 1)
PY

kill -QUIT $NGINX_PID
wait $NGINX_PID || true
serve_stop
