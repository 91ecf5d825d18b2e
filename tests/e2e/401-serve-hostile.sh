#!/bin/sh
# 401: hostile text (<script>, quotes, template syntax, a right-to-left
# override, invalid UTF-8) in area names and codes, division names and an
# indicator's texts, and in query parameters, goes through every route of
# jamlik serve (the start page's map and the factor page over a release
# of the hostile areas too) and never reaches a page unescaped (tests/tools/hostile.py).
. "$(dirname "$0")/lib.sh"
set -e
. "$(dirname "$0")/serve-lib.sh"

python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
def sq(x, y):
    return {"type": "Polygon", "coordinates": [[[x, y], [x + 1000, y], [x + 1000, y + 1000],
                                                [x, y + 1000], [x, y]]]}
crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}
top = [("T1", "<script>alert(1)</script>"), ("q\"'<>&x", "\"><img src=x onerror=alert(1)>"),
       ("T3", "placeholder")]
sub = [("S1", "{{7*7}}${7*7}\u202eevil", "T1"), ("S2", "'single' & \"double\"", "q\"'<>&x"),
       ("S3", "javascript:alert(1)", "T3")]
def fc(rows, par):
    feats = []
    for i, r in enumerate(rows):
        p = {"kod": r[0], "namn": r[1]}
        if par:
            p["upp"] = r[2]
        feats.append({"type": "Feature", "properties": p,
                      "geometry": sq(318000 + i * 2000, 6400000 + (5000 if par else 0))})
    return {"type": "FeatureCollection", "crs": crs, "features": feats}
json.dump(fc(top, False), open(t + "/top.geojson", "w"), ensure_ascii=False)
json.dump(fc(sub, True), open(t + "/sub.geojson", "w"), ensure_ascii=False)
PY
cat > "$T/h.indicators" <<'IND'
indicator: hostile_ind
name: <script>ind</script> "x"
name-en: "'><svg onload=alert(1)>
unit: <u>
kind: count
better: none
source: <iframe src=javascript:alert(1)>
licence: '"><
IND
printf 'indicator,area,period,value\nhostile_ind,T1,2023,5\nhostile_ind,"q""\047<>&x",2023,7\nhostile_ind,T3,2023,1\n' \
    > "$T/obs.csv"
DB="$T/h.db"
expect_status 0 jl --db "$DB" areas import "$T/top.geojson" --division top --code-field kod \
    --name-field namn --name '<script>div</script>'
expect_status 0 jl --db "$DB" areas import "$T/sub.geojson" --division sub --code-field kod \
    --name-field namn --parent-field upp --parent-division top --name "sub \"'<b>"
expect_status 0 jl --db "$DB" indicator define "$T/h.indicators"
expect_status 0 jl --db "$DB" indicator import "$T/obs.csv" --as long --division top
# Invalid UTF-8 cannot be imported (the importers refuse it), but a page
# must not break on a database that holds it: written behind jamlik's back.
python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE area SET name = CAST(X'3CC3283E20C0AF20EDA08020F888808080' AS TEXT) || 'bad' "
          "WHERE code = 'T3'")
c.commit()
PY

# A release over the hostile areas: the start page's map, the factor page
# and its downloads draw their names.
python3 - "$SRC/tests/fixtures/rise-small.csv" "$T/wave.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
codes = ['T1', 'q"\'<>&x', 'T3']
out = csv.DictWriter(open(sys.argv[2], 'w', newline=''), fieldnames=list(rows[0]) + ['top'])
out.writeheader()
for i, r in enumerate(rows):
    r['top'] = codes[i % 3]
    out.writerow(r)
PY
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB" --quiet survey import "$T/wave.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas top
expect_status 0 jl --db "$DB" --quiet release create --wave 2024 --division top --min-count 1

serve_start "$DB" --threads 2
python3 "$SRC/tests/tools/hostile.py" "$PORT" > "$T/hostile.out" 2>&1 || {
    cat "$T/hostile.out" >&2; fail "hostile text"; }

# An import while it serves raises the data version: the old ETag no
# longer holds, and the page shows the new data at once.
etag() { curl -s -D - -o /dev/null "http://127.0.0.1:$PORT$1" | sed -n 's/^ETag: *\(.*\)\r$/\1/ip'; }
e1=$(etag /metod)
[ -n "$e1" ] || fail "no ETag"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $e1" "http://127.0.0.1:$PORT/metod")" = 304 ] ||
    fail "no 304 for the page's own ETag"
printf 'indicator: later\nname: Senare\nunit: st\nkind: count\nbetter: none\nsource: test\n' > "$T/later.indicators"
expect_status 0 jl --db "$DB" indicator define "$T/later.indicators"
e2=$(etag /metod)
[ "$e1" != "$e2" ] || fail "ETag unchanged after an import: $e1"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $e1" "http://127.0.0.1:$PORT/metod")" = 200 ] ||
    fail "304 for the ETag before the import"
curl -s "http://127.0.0.1:$PORT/metod" | grep -q '>Senare<' || fail "the new indicator not on the page"
serve_stop
