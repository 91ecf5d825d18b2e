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

# Every path of docs/api/openapi.yaml answers 200 with its required keys
# on the demo, and the router has no API route the document lacks.
python3 - "$SRC/docs/api/openapi.yaml" "$PORT" "$SRC/src/web/router.c" <<'PY' || fail "openapi.yaml"
import json, re, sys, urllib.error, urllib.request
doc = open(sys.argv[1]).read()
paths = re.findall(r'(?m)^  (/[^:]*):$', doc)
routes = {'/' + '/'.join(re.findall(r'"([^"]*)"', r)[2:])
          for r in re.findall(r'\{\{("api", "v1"[^}]*)\}', open(sys.argv[3]).read())}
documented = {re.sub(r'\{[^}]*\}', '*', p) for p in paths}
assert documented == routes, (documented, routes)
base = 'http://127.0.0.1:%s/api/v1' % sys.argv[2]
rel = json.load(urllib.request.urlopen(base + '/releases'))['releases']
fill = {'division': 'mellanomrade', 'id': 'folkmangd', 'instrument': 'stockholmsenkaten-rise',
        'scale': 'Utagerande',
        'release': str(rel[-1]['id']) if rel else '1'}
# the paths whose query is required
query = {'/clusters': '?indicator=utrikes_fodda_andel&division=mellanomrade&permutations=99'}
for p in paths:
    url = base + re.sub(r'\{(\w+)\}', lambda m: fill[m.group(1)], p) + query.get(p, '')
    if '{release}' in p and not rel:
        # a database without releases: the release is not found, as JSON
        try:
            urllib.request.urlopen(url)
            assert False, url
        except urllib.error.HTTPError as e:
            assert e.code == 404 and 'error' in json.load(e), url
        continue
    d = json.load(urllib.request.urlopen(url))
    block = doc[doc.index('  %s:' % p):]
    keys = re.search(r'required: \[([a-z_, ]+)\]', block).group(1).split(', ')
    assert all(k in d for k in keys), (p, keys, list(d))
print(len(paths), 'paths')
PY

# One engine, two faces: the API's figures are the command line's, digit
# for digit (both the shortest form that reads back exactly).
expect_status 0 jl --db "$T/demo.db" --format csv indicator show utrikes_fodda_andel \
    --division mellanomrade --period 2023
cp "$T/out" "$T/cli.csv"
curl -s "http://127.0.0.1:$PORT/api/v1/indicators/utrikes_fodda_andel?division=mellanomrade&period=2023" \
    > "$T/api.json"
python3 - "$T/cli.csv" "$T/api.json" <<'PY' || fail "API and command line differ"
import csv, json, sys
cli = {r['area']: (r['value'], r['status'], r['estimated']) for r in csv.DictReader(open(sys.argv[1]))}
api = json.load(open(sys.argv[2]))['indicator']
got = {a['code']: ('' if a['value'] is None else repr(a['value']), a['status'], a['estimate'])
       for a in api['areas']}
assert len(cli) == 36 and got.keys() == cli.keys(), (len(cli), set(got) ^ set(cli))
for k in cli:
    assert float(cli[k][0]) == float(got[k][0]) and cli[k][1:] == got[k][1:], (k, cli[k], got[k])
PY

# Query strings never reach the log.
curl -s -o /dev/null "http://127.0.0.1:$PORT/?token=s3cr3t-t0ken&x=1"
curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/indicators/folkmangd?division=s3cr3t-t0ken"
serve_stop
! grep -q 's3cr3t' "$T/serve.err" || fail "a query string in the access log"
grep -q '^20[0-9-]*T[0-9:]*Z GET / 200 ' "$T/serve.err" || fail "access log line"
grep -q 'stopped on signal 15' "$T/serve.err" || fail "no clean stop"

# A stop while requests are in flight or waiting for a worker: each is
# answered whole, then the server exits 0.
serve_start "$T/demo.db" --threads 2
python3 "$SRC/tests/tools/http_drain.py" "$PORT" "$SERVE_PID" > "$T/drain.out" 2>&1 || {
    cat "$T/drain.out" >&2; fail "requests in flight at SIGTERM"; }
serve_wait
