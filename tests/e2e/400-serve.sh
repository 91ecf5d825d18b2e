#!/bin/sh
# 400: jamlik serve on the demo database answers hostile clients over raw
# sockets with the right status and no crash (tests/tools/http_raw.py),
# keeps query strings out of its log, and stops cleanly on SIGTERM
# (exit 0; in the ASan build with no leak).
. "$(dirname "$0")/lib.sh"
set -e
. "$(dirname "$0")/serve-lib.sh"

# Refusals before it listens: no database, a bad address.
expect_status 1 jl --db "$T/none.db" serve --listen 127.0.0.1:0
expect_stderr "no database here"
expect_status 2 jl --db "$T/none.db" serve --listen localhost
expect_stderr "expected --listen as HOST:PORT"
expect_status 2 jl --db "$T/none.db" serve --threads 0
expect_stderr "expected --threads as a whole number from 1 to 64"

(cd "$T" && jl --quiet demo > /dev/null) || fail "demo"
serve_start "$T/demo.db" --timeout 2 --threads 2
python3 "$SRC/tests/tools/http_raw.py" "$PORT" 2 > "$T/raw.out" 2>&1 || {
    cat "$T/raw.out" >&2; fail "raw-socket cases"; }

# Query strings never reach the log.
curl -s -o /dev/null "http://127.0.0.1:$PORT/?token=s3cr3t-t0ken&x=1"
curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/indicators/folkmangd?division=s3cr3t-t0ken"
serve_stop
! grep -q 's3cr3t' "$T/serve.err" || fail "a query string in the access log"
grep -q '^20[0-9-]*T[0-9:]*Z GET / 200 ' "$T/serve.err" || fail "access log line"
grep -q 'stopped on signal 15' "$T/serve.err" || fail "no clean stop"
