#!/bin/sh
# The web application under load (make bench): wrk on loopback against
# `jamlik serve` on the demo database, an area page and an API answer,
# then the same through nginx with deploy/nginx.conf (plain HTTP on
# loopback as in tests/e2e/402-nginx.sh, and without its per-address
# limits, which would answer one load generator's address with 429s).
# Prints the settings, requests per second and the p99 latency of each.
# Figures, never asserted.
#
# Usage: bench/web-bench.sh BUILD [SECONDS] [CONNECTIONS] [WRK_THREADS]
set -e
BUILD=${1:-build}
SECS=${2:-30}
CONNS=${3:-50}
WT=${4:-2}
SRC=$(cd "$(dirname "$0")/.." && pwd)
JAMLIK="$(cd "$BUILD" && pwd)/jamlik"
command -v wrk > /dev/null || { echo "wrk is not installed (make deps installs it)" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
T=$(mktemp -d)
SERVE_PID=
NGINX_PID=
trap 'kill $NGINX_PID $SERVE_PID 2>/dev/null; rm -rf "$T"' EXIT
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

(cd "$T" && "$JAMLIK" --quiet demo > /dev/null)
PORT=$(free_port)
"$JAMLIK" --db "$T/demo.db" serve --listen "127.0.0.1:$PORT" > "$T/serve.out" 2> /dev/null &
SERVE_PID=$!
i=0
until grep -q '^listening on ' "$T/serve.out" 2> /dev/null; do
    i=$((i + 1)); [ $i -lt 300 ] || { echo "serve did not start" >&2; exit 1; }
    sleep 0.1
done

NPORT=
if [ -x "$NGINX" ]; then
    NPORT=$(free_port)
    mkdir -p "$T/static" "$T/logs" "$T/tmp"
    cp "$SRC/src/web/jamlik.css" "$T/static/"
    chmod 755 "$T" "$T/static"
    chmod 777 "$T/tmp"
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
c = re.sub(r'(?m)^\s*limit_(req|conn) .*\n', '', c)
c = c.replace('listen 443 ssl http2;', 'listen 127.0.0.1:%s;' % nport)
c = c.replace('server 127.0.0.1:8080;', 'server 127.0.0.1:%s;' % port)
c = c.replace('/usr/local/share/jamlik/static/', t + '/static/')
c = c.replace('http {\n', 'http {\n' + ''.join('    %s_temp_path %s/tmp/%s;\n' % (k, t, k)
              for k in ('client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi')), 1)
print(c)
PY
    "$NGINX" -c "$T/nginx.conf" -p "$T" -e "$T/logs/error.log" -g 'daemon off;' &
    NGINX_PID=$!
    i=0
    until curl -s -o /dev/null "http://127.0.0.1:$NPORT/static/jamlik.css"; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "nginx did not start" >&2; exit 1; }
        sleep 0.1
    done
fi

echo "web: wrk -t$WT -c$CONNS -d${SECS}s --latency on loopback; jamlik serve with its default" \
     "threads on $(nproc) cores, the demo database"
one() {
    what=$1 url=$2
    # warm the server's cache of rendered answers on every worker first
    wrk -t1 -c4 -d1s "$url" > /dev/null 2>&1 || true
    wrk -t"$WT" -c"$CONNS" -d"${SECS}s" --latency "$url" > "$T/wrk.out" 2>&1 || true
    rps=$(sed -n 's/^Requests\/sec: *//p' "$T/wrk.out")
    p99=$(sed -n 's/^ *99% *//p' "$T/wrk.out")
    non=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$T/wrk.out")
    printf '  %-34s %10s req/s  p99 %8s%s\n' "$what" "${rps:-?}" "${p99:-?}" \
        "${non:+  ($non answers not 2xx/3xx)}"
}
AREA=/omrade/mellanomrade/71
API='/api/v1/indicators/utrikes_fodda_andel?division=mellanomrade&period=2023'
one "area page, direct" "http://127.0.0.1:$PORT$AREA"
one "API answer, direct" "http://127.0.0.1:$PORT$API"
if [ -n "$NPORT" ]; then
    one "area page, through nginx" "http://127.0.0.1:$NPORT$AREA"
    one "API answer, through nginx" "http://127.0.0.1:$NPORT$API"
fi
