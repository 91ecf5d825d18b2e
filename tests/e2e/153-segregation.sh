#!/bin/sh
# 153: segregation indices against an independent base-R reference
# (tests/reference/segregation/segregation.R, itself checked against R
# segregation's published values): SCB's DeSO 2022 foreign background and
# birth region in Göteborg, Malmö and Helsingborg (578 DeSO, within and
# between the cities, local scores and location quotients), Morrill's D for
# Göteborg on DeSO 2025 contiguity, and segregation's schools00.
. "$(dirname "$0")/lib.sh"
set -e
REF="$SRC/tests/reference/segregation/segregation-reference.csv"
SCB="$SRC/data/statistics/scb_deso2018_2022_gbg_malmo_hbg.csv"
cmpref() { # case json [local csv]
    python3 - "$REF" "$@" <<'PY' || fail "$1 differs from the reference"
import csv, json, sys
ref, case, path = sys.argv[1], sys.argv[2], sys.argv[3]
meta = json.load(open(path))['meta']
n = 0
local = {}
if len(sys.argv) > 4:
    local = {r['unit']: r for r in csv.DictReader(open(sys.argv[4]))}
for r in csv.DictReader(open(ref)):
    if r['case'] != case or r['measure'] == 'units':
        continue
    want = float(r['value'])
    if r['unit']:
        row = local[r['unit']]
        m = r['measure']
        if m.startswith('lq_'):
            m = [k for k in row if k.startswith('lq_')][int(m[3:]) - 1]
        got = float(row[m])
    else:
        got = meta[r['measure']]
    assert abs(got - want) <= 1e-10 * abs(want) or abs(got - want) <= 1e-12, (case, r, got)
    n += 1
assert n >= 10
print(case, n, 'values equal')
PY
}
expect_status 0 jl --format json segregation "$SCB" --unit deso \
    --groups utlandsk_bakgrund,svensk_bakgrund --group-of kommun_namn
cmpref deso_bakgrund "$T/out"
G3=fodda_sverige,fodda_europa_utom_sverige,fodda_ovriga_varlden_inkl_okand
expect_status 0 jl --format json segregation "$SCB" --unit deso --groups $G3 --group-of kommun_namn
cp "$T/out" "$T/f.json"
expect_status 0 jl --format csv segregation "$SCB" --unit deso --groups $G3 --group-of kommun_namn --local
cmpref deso_fodelse "$T/f.json" "$T/out"
# Göteborg: contiguity from the DeSO 2025 map; links to the 13 changed codes
# fall away with the units.
expect_status 0 jl weights "$SRC/data/geo/goteborg_deso2025.geojson" --id desokod --weights queen \
    --write-weights "$T/w.csv"
expect_status 0 jl --format json segregation "$SCB" --unit deso --only kommun_kod=1480 \
    --groups utlandsk_bakgrund,svensk_bakgrund --weights-file "$T/w.csv"
expect_stdout "links to units outside the data left out"
# the reference keeps the 293 DeSO whose codes are in the 2025 map
python3 - "$SCB" "$SRC/data/geo/goteborg_deso2025.geojson" "$T/keep.csv" <<'PY'
import csv, json, sys
codes = {f['properties']['desokod'] for f in json.load(open(sys.argv[2]))['features']}
rows = list(csv.DictReader(open(sys.argv[1])))
with open(sys.argv[3], 'w', newline='') as f:
    w = csv.DictWriter(f, fieldnames=rows[0].keys(), lineterminator='\n')
    w.writeheader()
    w.writerows(r for r in rows if r['kommun_kod'] == '1480' and r['deso'] in codes)
PY
expect_status 0 jl --format json segregation "$T/keep.csv" --unit deso \
    --groups utlandsk_bakgrund,svensk_bakgrund --weights-file "$T/w.csv"
cmpref gbg_bakgrund_morrill "$T/out"
expect_stdout '293 units with people of 293'
expect_status 0 jl --format json segregation "$SRC/tests/fixtures/segregation/schools00.csv" --unit school \
    --groups asian,black,hisp,white,native --focal black --group-of state
cmpref schools00 "$T/out"
# A map layer with contiguity from its own shapes, and a group given as
# A-B (births that are not non-white births).
expect_status 0 jl --format json segregation "$SRC/tests/fixtures/spatial/nc.shp" --unit FIPSNO \
    --groups NWBIR74,BIR74-NWBIR74 --weights queen --planar
cmpref nc_nwbir "$T/out"
printf 'u,a,b\nx,1,2\ny,3,1\n' > "$T/sub.csv"
expect_status 1 jl segregation "$T/sub.csv" --unit u --groups b,a-b
expect_stderr 'sub.csv:2: error: unit x: expected b of 0 or more and at most a, found "2"'
# Bad input: a positioned error, nothing else.
printf 'u,a,b\nx,1,2\ny,3,-1\n' > "$T/bad.csv"
expect_status 1 jl segregation "$T/bad.csv" --unit u --groups a,b
expect_stderr 'bad.csv:3: error: unit y: expected a count of 0 or more in b, found "-1"'
expect_status 2 jl segregation "$T/bad.csv" --unit u --groups a
expect_stderr "expected at least two groups in --groups, found 1"
expect_status 2 jl segregation "$T/bad.csv" --unit u --groups a,b --focal c
echo "153-segregation: ok"
