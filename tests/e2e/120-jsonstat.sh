#!/bin/sh
# 120: SCB PxWeb responses: JSON-stat 2.0 (real TAB6471 and TAB5974) and
# PxWeb v1 json (real), values checked against an independent reading in
# Python; statuses and nulls on a hand-written file; errors.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
PX="$SRC/tests/fixtures/pxweb"
expect_status 0 jl --db "$DB" --quiet indicator define "$SRC/data/indicators/scb.indicators"
printf 'content: 000007SF = folkmangd\n' > "$T/t6471.map"
expect_status 0 jl --db "$DB" indicator import "$PX/TAB6471_data.json" --as jsonstat --division lan \
    --map "$T/t6471.map"
expect_stderr "Imported 2772 observations into division lan"
# Girls 10-19 per county in April 2026, as Python reads the same file
# (row-major over "id", the last dimension fastest).
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division lan --sex K \
    --breakdown Alder=10-19 --period 2026M04
python3 - "$PX/TAB6471_data.json" "$T/out" <<'PY' || fail "JSON-stat values"
import csv, json, sys
d = json.load(open(sys.argv[1]))
ids, size = d['id'], d['size']
idx = {k: d['dimension'][k]['category']['index'] for k in ids}
def at(**c):
    pos = 0
    for k, n in zip(ids, size):
        pos = pos * n + idx[k][c[k]]
    return d['value'][pos]
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == 21, len(rows)
for r in rows:
    want = at(Region=r['area'], Alder='10-19', Kon='2', ContentsCode='000007SF', Tid='2026M04')
    assert float(r['value']) == want, (r, want)
    first = at(Region=r['area'], Alder='10-19', Kon='2', ContentsCode='000007SF', Tid='2026M01')
    assert float(r['change']) == want - first, r
print('21 counties: girls 10-19 in 2026M04 equal the JSON-stat cells')
PY
# No Region dimension: the area is named in the map; --select keeps one sex.
printf 'area: 00\ncontent: 000005NO = folkmangd\n' > "$T/t5974.map"
expect_status 0 jl --db "$DB" indicator import "$PX/TAB5974_data-35e0e2-fb7f17-POST.json" \
    --as jsonstat --division riket --map "$T/t5974.map" --select Kon=2
expect_stderr "Imported 1 observation "
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division riket --sex K
grep -q '^riket,00,,2026,47361,' "$T/out" || fail "TAB5974 women: $(cat "$T/out")"
# PxWeb v1 json: string values, the eliminated dimensions absent.
printf 'area: 00\ncontent: BE0101N1 = folkmangd\n' > "$T/v1.map"
expect_status 0 jl --db "$DB" indicator import "$PX/BefolkningNy-21059a-POST.json" --as jsonstat \
    --division riket-v1 --map "$T/v1.map"
expect_stderr "Imported 12 observations"
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division riket-v1 \
    --breakdown Civilstand=OG --period 2017
grep -q '^riket-v1,00,,2017,5347489,' "$T/out" || fail "v1 value: $(cat "$T/out")"
# Statuses: ".." and null are missing, "." not applicable (hand-made file).
printf 'content: TEST01 = folkmangd\n' > "$T/hand.map"
expect_status 0 jl --db "$DB" indicator import "$PX/status-handmade.json" --as jsonstat \
    --division kommun --map "$T/hand.map"
expect_stderr "6 observations into division kommun from"
expect_stderr "3 with a value, 2 missing, 0 suppressed, 1 not applicable"
# Errors, each leaving the database as it was.
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" indicator import "$PX/TAB6471_data.json" --as jsonstat --division lan2
expect_stderr 'error: content code 000007SF: expected a defined indicator; map it with "content: 000007SF = ID" in a --map file'
expect_status 1 jl --db "$DB" indicator import "$PX/TAB6471_data.json" --as jsonstat --division lan2 \
    --map "$T/t6471.map" --select Alder=200
expect_stderr 'error: expected a code of dimension Alder, found "200"'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["value"]=d["value"][:-1]; json.dump(d,open(sys.argv[2],"w"))' \
    "$PX/TAB6471_data.json" "$T/short.json"
expect_status 1 jl --db "$DB" indicator import "$T/short.json" --as jsonstat --division lan2 --map "$T/t6471.map"
expect_stderr "short.json: error: value: expected 2772 values (the product of the dimensions' sizes), found 2771"
printf '{"version": "2.0",\n "id": [1,\n' > "$T/broken.json"
expect_status 1 jl --db "$DB" indicator import "$T/broken.json" --as jsonstat --division lan2
expect_stderr "broken.json:3: error: expected JSON: ']' expected near end of file"
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused import changed the database"
echo "120-jsonstat ok"
