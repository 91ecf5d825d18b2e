#!/bin/sh
# 056: survey exports as schools deliver them (SYNTHETIC, written by
# tests/fixtures/make-export.py from rise-small.csv): 150 columns of which
# the instrument reads 56, Windows-1252 with ';' and CRLF, or UTF-8 with a
# BOM; "Annat" and "Vill inte svara" as sex; "åk 8"/"Åk 9" through a map
# that also skips the comment column. They import with the right report and
# the scores of the plain file; a copy with a typo in every tenth row is
# refused with every problem listed at once, by `survey check` and by
# `survey import`, and the database is left as it was.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
python3 "$SRC/tests/fixtures/make-export.py" "$SMALL" "$T"
[ "$(head -1 "$T/export-cp1252.csv" | tr ';' '\n' | wc -l)" = 150 ] || fail "not 150 columns"
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2021 --areas primaromrade,mellanomrade
expect_status 0 jl --db "$DB" --format csv scores --wave 2021
cp "$T/out" "$T/plain.csv"

w=2021
for f in cp1252 bom; do
    w=$((w + 1))
    expect_status 0 jl --db "$DB" survey import "$T/export-$f.csv" --instrument stockholmsenkaten-rise \
        --wave "$w" --map "$T/export.map" --areas primaromrade,mellanomrade
    expect_stderr "separator ';'"
    expect_stderr "respondents read:     60"
    expect_stderr "imported:             60"
    # 8 "Annat" (every 7th) and 5 "Vill inte svara" (every 11th, not 7th).
    expect_stderr "sex another answer:   13 (in every total, in no breakdown by sex)"
    expect_stderr "left aside (93): Starttid, Sluttid, Vikt, Klass, Enkätversion, f10a,"
    expect_stderr ", F136, F137"
    expect_stderr "columns skipped by the map: 1"
    if grep -q "Kommentar" "$T/err"; then fail "the skipped comment column is listed as left aside"; fi
    expect_status 0 jl --db "$DB" --format csv scores --wave "$w"
    cmp -s "$T/out" "$T/plain.csv" || fail "scores of export-$f differ from the plain file's"
done
grep -q "(CSV, Windows-1252, separator ';')" "$T/err" && fail "BOM file read as Windows-1252"
expect_status 0 jl --db "$DB" survey import "$T/export-cp1252.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --map "$T/export.map" --areas primaromrade,mellanomrade
expect_stderr "(CSV, Windows-1252, separator ';')"
expect_status 0 jl --db "$DB" --quiet survey delete 2024

# Every problem at once, each at its line and column; nothing written.
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" survey check "$T/export-typos.csv" --instrument stockholmsenkaten-rise \
    --map "$T/export.map" --areas primaromrade,mellanomrade
cp "$T/err" "$T/check.err"
expect_stderr 'export-typos.csv:11:19: error: expected K (girl), M (boy), another answer'
expect_stderr 'found "Flika"; a map'"'"'s "value: sex Flika = K"'
expect_stderr 'export-typos.csv:21:14: error: expected a grade'
expect_stderr 'found "åk 88"; a map'"'"'s "value: grade åk 88 = 8"'
expect_stderr 'export-typos.csv:31:32: error: expected a code of item f66c (1, 2, 3, 4) or nothing, found "7"'
expect_stderr 'export-typos.csv:41:131: error: expected a code of item f54e (1, 2, 3, 4) or nothing, found "tre"'
expect_stderr 'export-typos.csv:61:14: error'
expect_stderr 'export-typos.csv: 6 problems'
[ "$(grep -c ': error: ' "$T/err")" = 6 ] || fail "not one line per problem: $(cat "$T/err")"
expect_status 1 jl --db "$DB" survey import "$T/export-typos.csv" --instrument stockholmsenkaten-rise \
    --wave 2025 --map "$T/export.map" --areas primaromrade,mellanomrade
expect_stderr 'export-typos.csv: 6 problems; nothing imported'
[ "$(grep ': error: ' "$T/err")" = "$(grep ': error: ' "$T/check.err")" ] ||
    fail "import and check list different problems"
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused export changed the database"
echo "056-export ok"
