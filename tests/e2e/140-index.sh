#!/bin/sh
# 140: the composite index of Göteborg's RegSO and its comparison with
# SCB's områdestyp, against base R on SCB's own files
# (tests/reference/assoc/assoc.R): index values, types, correlations and
# their intervals.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
STAT="$SRC/data/statistics"
IND="$SRC/data/indicators"
expect_status 0 jl --db "$DB" --quiet areas import "$SRC/data/geo/goteborg_regso2025.geojson" --division regso2025
expect_status 0 jl --db "$DB" --quiet indicator define "$IND/scb.indicators"
expect_status 0 jl --db "$DB" --quiet indicator import "$STAT/scb_regso2020_2020_2023_gbg_malmo_hbg.csv" \
    --as wide --division regso2025 --map "$IND/regso-2020-2023.map"
expect_status 0 jl --db "$DB" --quiet indicator import "$STAT/scb_regso2020_omradestyp_2022_gbg_malmo_hbg.csv" \
    --as wide --division regso2025 --map "$IND/regso-omradestyp.map"
# Without a direction an indicator needs a signed weight.
expect_status 2 jl --db "$DB" index build x --division regso2025 --period 2022 \
    --from medel_loneinkomst_tkr,utrikes_fodda_andel
expect_stderr "has no better direction: give its weight a sign in --from (*1 or *-1)"
expect_status 0 jl --db "$DB" --format csv index build seindex --division regso2025 --period 2022 \
    --from 'medel_loneinkomst_tkr,utrikes_fodda_andel*-1,hyresratt_andel*-1'
cp "$T/out" "$T/index.csv"
expect_status 0 jl --db "$DB" --format csv indicator compare medel_loneinkomst_tkr omradestyp \
    --division regso2025 --period 2022
cp "$T/out" "$T/income.csv"
expect_status 0 jl --db "$DB" --format csv indicator compare seindex_typ omradestyp --division regso2025
cp "$T/out" "$T/types.csv"
python3 - "$SRC/tests/reference/assoc/assoc-reference.csv" "$T/index.csv" "$T/income.csv" "$T/types.csv" <<'PY' || fail "index or correlations differ from R"
import csv, sys
ref = {}
for r in csv.DictReader(open(sys.argv[1])):
    ref.setdefault(r['case'], {})[r['measure']] = float(r['value'])
idx = {r['area']: r for r in csv.DictReader(open(sys.argv[2]))}
assert len(idx) == 147
for code, v in ref['index'].items():
    assert abs(float(idx[code]['index']) - v) < 1e-12, (code, idx[code], v)
    assert int(idx[code]['type']) == ref['index_type'][code], (code, idx[code])
def check(path, rows):
    got = {r['measure']: r for r in csv.DictReader(open(path))}
    for m, case in rows:
        for k in ('r', 'ci_low', 'ci_high'):
            assert abs(float(got[m][k]) - ref[case][k]) < 1e-12, (m, k, got[m][k], ref[case][k])
check(sys.argv[3], [('pearson', 'income_vs_type_pearson'), ('spearman', 'income_vs_type_spearman')])
check(sys.argv[4], [('spearman', 'type_vs_omradestyp_spearman')])
print('147 index values and types, 3 correlations with intervals equal R')
PY
expect_status 0 jl --db "$DB" --format csv indicator compare seindex_typ omradestyp --division regso2025 --cross
[ "$(wc -l < "$T/out")" = 26 ] || fail "a 5 x 5 cross-table"
awk -F, 'NR > 1 { s += $3 } END { exit s != 147 }' "$T/out" || fail "the cross-table holds 147 areas"
echo "140-index ok"
