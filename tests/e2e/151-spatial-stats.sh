#!/bin/sh
# 151: global and local autocorrelation against R spdep 1.2-7
# (tests/reference/spatial/spatial.R): Moran's I, Geary's C, Getis-Ord G
# under normality and randomisation, local Moran with conditional moments,
# quadrants, Gi and Gi*, FDR, for Columbus (queen W and B, rook S and C,
# 4 nearest W) and North Carolina's SIDS rates (a CSV with a weights file).
. "$(dirname "$0")/lib.sh"
set -e
FX="$SRC/tests/fixtures/spatial"
REF="$SRC/tests/reference/spatial"
CHECK="python3 $REF/check.py"
s() { # case source-args...
    c=$1; shift
    expect_status 0 jl --format json autocorr "$@"
    $CHECK stats "$c" "$T/out" || fail "$c differs from spdep"
}
COL="$FX/columbus.shp --id POLYID --value CRIME --planar"
s columbus_queen_W $COL --weights queen
s columbus_queen_B $COL --weights queen --style B
s columbus_rook_S $COL --weights rook --style S
s columbus_rook_C $COL --weights rook --style C
s columbus_knn4_W $COL --weights knn:4
# The same layer as a GeoPackage (GDAL's ogr2ogr) gives the same numbers.
ogr2ogr -f GPKG "$T/col.gpkg" "$FX/columbus.shp"
s columbus_queen_W "$T/col.gpkg" --id POLYID --value CRIME --planar --weights queen
# North Carolina: the weights as a binary edge list, the values in a CSV.
expect_status 0 jl weights "$FX/nc.shp" --id FIPSNO --weights queen --style B --planar \
    --write-weights "$T/ncw.csv"
s nc_queen_W "$REF/nc-ft.csv" --id id --value ft --weights-file "$T/ncw.csv" --style W
s nc_queen_B "$REF/nc-ft.csv" --id id --value ft --weights-file "$T/ncw.csv"
cp "$T/out" "$T/ncB.json"

# Islands: three areas without neighbours (spdep's zero.policy and
# adjusted n); values 1.5, 3, ... 16.5 in file order.
python3 - "$FX/rooktrap.geojson" "$T/trap.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i, f in enumerate(d['features']):
    f['properties']['v'] = 1.5 * (i + 1)
json.dump(d, open(sys.argv[2], 'w'))
PY
s trap_queen_W "$T/trap.geojson" --id id --value v --planar --weights queen
s trap_queen_B "$T/trap.geojson" --id id --value v --planar --weights queen --style B
expect_status 0 jl --format csv autocorr "$T/trap.geojson" --id id --value v --planar --weights queen
grep -q '^I6,,16.5,0,,,,,,,,,,,no_neighbours,' "$T/out" || fail "island row: $(grep I6 "$T/out")"

# Identities (research/spatial.md §3.1): sum of Ii = S0 * I; with binary
# weights the conditional z of Ii is sign(z_i) times Gi's z.
python3 - "$T/ncB.json" <<'PY' || fail "identities"
import json, sys
d = json.load(open(sys.argv[1]))
rows = d['rows']
n = len(rows)
s = sum(float(r['Ii']) for r in rows)
import re
S0 = int(re.search(r'(\d+) links', ' '.join(d['notes'])).group(1))
assert abs(s - S0 * d['meta']['moran_value']) < 1e-10 * abs(s), (s, S0)
mean = sum(float(r['value']) for r in rows) / n
for r in rows:
    z = float(r['value']) - mean
    sign = 1 if z > 0 else -1
    assert abs(float(r['Z_Ii']) - sign * float(r['Gi_z'])) < 1e-9, r
PY
# Table output names the statistics in Swedish by default.
JAMLIK_LANG=sv expect_status 0 jl autocorr $COL --weights queen
expect_stdout "Morans I"
# Missing values are refused with the feature.
printf 'id,ft\n37001,1\n37003,\n' > "$T/gap.csv"
expect_status 1 jl autocorr "$T/gap.csv" --id id --value ft --weights-file "$T/ncw.csv"
expect_stderr "gap.csv:3:7: error: expected a number in column ft, found \"\""
expect_status 2 jl autocorr "$T/gap.csv" --id id --value ft --weights queen
expect_stderr "a CSV has no shapes"
# --clusters with no significant cluster says so (issue 17): an 8 x 8
# lattice of uniform noise written here with a fixed seed.
python3 - "$T/noise.csv" "$T/noise-links.csv" <<'PY'
import random, sys
random.seed(7)
with open(sys.argv[1], 'w') as fa, open(sys.argv[2], 'w') as fl:
    fa.write('id,v\n'); fl.write('from,to\n')
    for j in range(8):
        for i in range(8):
            fa.write('A%d,%.3f\n' % (j * 8 + i + 1, random.random()))
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    if (dx or dy) and 0 <= i + dx < 8 and 0 <= j + dy < 8:
                        fl.write('A%d,A%d\n' % (j * 8 + i + 1, (j + dy) * 8 + i + dx + 1))
PY
expect_status 0 jl --lang en autocorr "$T/noise.csv" --id id --value v --weights-file "$T/noise-links.csv" \
    --permutations 999 --clusters
grep -q "No area is in a significant cluster: no adjusted p-value is at most 0.05." "$T/out" ||
    fail "--clusters without a cluster says nothing"
echo "151-spatial-stats: ok"
