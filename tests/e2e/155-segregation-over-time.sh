#!/bin/sh
# 155: segregation over time from the database: foreign-born (a group made
# as folkmangd - fodda_sverige) against born in Sweden over Göteborg's
# RegSO 2025, 2020-2023, with Morrill's D on the stored map, equal to the
# independent reference (tests/reference/segregation/segregation.R).
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
load_regso "$DB"
expect_status 0 jl --db "$DB" --format csv segregation indicators@2020,2021,2022,2023 --division regso2025 \
    --groups folkmangd-fodda_sverige,fodda_sverige --weights queen
python3 - "$SRC/tests/reference/segregation/segregation-reference.csv" "$T/out" <<'PY' || fail "over time differs from the reference"
import csv, sys
ref = {}
for r in csv.DictReader(open(sys.argv[1])):
    ref[(r['case'], r['measure'])] = float(r['value'])
rows = list(csv.DictReader(open(sys.argv[2])))
assert [r['period'] for r in rows] == ['2020', '2021', '2022', '2023'], rows
n = 0
for r in rows:
    assert r['units'] == '147'
    for k in ('focal_share', 'dissimilarity', 'gini', 'isolation', 'theil_h', 'multi_m', 'multi_h', 'morrill_d'):
        want = ref[('regso_utrikes_' + r['period'], k)]
        assert abs(float(r[k]) - want) <= 1e-10 * abs(want), (r['period'], k, r[k], want)
        n += 1
print(n, 'values equal')
PY
# One period gives every index; without --division a usage error.
expect_status 0 jl --db "$DB" --format json segregation indicators@2022 --division regso2025 \
    --groups folkmangd-fodda_sverige,fodda_sverige --weights queen
grep -q '"morrill_d"' "$T/out" || fail "no Morrill's D for one period"
expect_status 2 jl --db "$DB" segregation indicators@2022 --groups folkmangd,fodda_sverige
expect_stderr "needs --division"
expect_status 1 jl --db "$DB" segregation indicators@2022 --division regso2025 --groups nosuch,fodda_sverige
echo "155-segregation-over-time: ok"
