#!/bin/sh
# 125: Kolada API v2 and v3 responses (written by hand from the API's
# documentation, tests/fixtures/kolada/README.md): genders, nulls,
# withdrawn values, organisational units, and errors.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
K="$SRC/tests/fixtures/kolada"
expect_status 0 jl --db "$DB" --quiet indicator define "$SRC/data/indicators/scb.indicators"
printf 'kpi: N00945 = folkmangd\nkpi: U01234 = unga_15_19\n' > "$T/k.map"
expect_status 0 jl --db "$DB" indicator import "$K/v2-handmade.json" --as kolada --division kommun --map "$T/k.map"
expect_stderr "Imported 5 observations into division kommun"
expect_stderr "4 with a value, 1 missing"
# The null value is missing, and Kolada's own status word is kept.
python3 - "$DB" <<'PY' || fail "Kolada status kept"
import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(
    "SELECT value, status, note FROM observation WHERE area = '1480' AND period = '2023'").fetchone()
assert row == (None, 'missing', 'Saknas'), row
PY
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division kommun --period 2022 --sex K
grep -q '^kommun,1480,,2022,51,' "$T/out" || fail "v2 women: $(cat "$T/out")"
expect_status 0 jl --db "$DB" indicator import "$K/v3-handmade.json" --as kolada --division enhet --map "$T/k.map"
expect_stderr "Imported 2 observations into division enhet"
expect_status 0 jl --db "$DB" --format csv indicator show unga_15_19 --division enhet
grep -q '^enhet,V15E148000102,,2024,14.25,26.25,' "$T/out" || fail "v3 ou: $(cat "$T/out")"
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" indicator import "$K/v2-handmade.json" --as kolada --division kommun
expect_stderr 'error: KPI N00945: expected a defined indicator; map it with "kpi: N00945 = ID" in a --map file'
sed 's/"gender": "M"/"gender": "X"/' "$K/v2-handmade.json" > "$T/badgender.json"
expect_status 1 jl --db "$DB" indicator import "$T/badgender.json" --as kolada --division kommun --map "$T/k.map"
expect_stderr 'badgender.json: error: values[0].values[2] (kpi=N00945, municipality=1480, period=2022): expected gender T, K or M, found "X"'
printf '{"count": 0}' > "$T/empty.json"
expect_status 1 jl --db "$DB" indicator import "$T/empty.json" --as kolada --division kommun --map "$T/k.map"
expect_stderr 'expected a Kolada response with "values" (API v2 or v3)'
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused import changed the database"
echo "125-kolada ok"
