#!/bin/sh
# 130: inequality between Göteborg's RegSO against base R computed from
# SCB's own file (tests/reference/ineq/ineq.R), and the concentration
# curve's ends.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
load_regso "$DB"
expect_status 0 jl --db "$DB" --format csv indicator inequality utrikes_fodda_andel --division regso2025 \
    --period 2022 --weight folkmangd --rank-by medel_loneinkomst_tkr
cp "$T/out" "$T/abroad.csv"
expect_status 0 jl --db "$DB" --format csv indicator inequality medel_loneinkomst_tkr --division regso2025 \
    --period 2022 --weight folkmangd
expect_stderr "the gap is to the weighted mean"
python3 - "$SRC/tests/reference/ineq/ineq-reference.csv" "$T/abroad.csv" "$T/out" <<'PY' || fail "inequality differs from R"
import csv, sys
ref = list(csv.DictReader(open(sys.argv[1])))
got = {'abroad': {r['measure']: r['value'] for r in csv.DictReader(open(sys.argv[2]))},
       'income': {r['measure']: r['value'] for r in csv.DictReader(open(sys.argv[3]))}}
for r in ref:
    g, w = float(got[r['case']][r['measure']]), float(r['value'])
    assert abs(g - w) <= 1e-12 * max(1, abs(w)), (r, g)
print(f'{len(ref)} measures equal R to 1e-12')
PY
# No direction: no worst fifth (empty), said in a note.
grep -q '^worst_fifth_population_share,,' "$T/abroad.csv" || fail "worst fifth without a direction"
expect_status 0 jl --db "$DB" --format csv indicator inequality utrikes_fodda_andel --division regso2025 \
    --period 2022 --weight folkmangd --curve
[ "$(wc -l < "$T/out")" = 149 ] || fail "curve points"
sed -n 2p "$T/out" | grep -q '^0,0,' || fail "the curve starts at 0,0"
tail -1 "$T/out" | grep -q '^1,1,' || fail "the curve ends at 1,1"
echo "130-inequality ok"
