#!/bin/sh
# 090: validity screens exclude respondents with a recorded reason: each
# screen's count is in the import report and `survey list`, the excluded
# keep their row (scores says why) and leave every profile count.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
# The RISE instrument plus a fictitious drug (as CTC's "Derbisol") and a
# screen with two rules: any use of it, or implausibly frequent acting out
# (4 = "Stämmer mycket bra" on all of 4 items; r040 does so too).
cat "$RISE" - > "$T/screened.instrument" <<'INS'

item: fiktiv
text: Har du någon gång använt Relevin? (påhittad drog, för testet)
code: 1 = Nej
code: 2 = Ja, en gång
code: 3 = Ja, flera gånger

screen: fiktiv-drog
label: says they used a drug that does not exist
exclude-if: fiktiv in 2-3

screen: orimligt
label: implausible pattern of answers
exclude-if: fiktiv in 1 and count(f66c f66d f66g f66j) in 4 >= 4
INS
expect_status 0 jl --db "$DB" --quiet instrument import "$T/screened.instrument"
# The small fixture with the new column: r005 and r010 report the drug;
# r020 answers 4 on f66c f66d f66g f66j.
awk -F, -v OFS=, 'NR == 1 { print $0, "fiktiv"; next }
    { f = ($1 == "r005" || $1 == "r010") ? 2 : 1
      if ($1 == "r020") { $7 = 4; $8 = 4; $9 = 4; $10 = 4 }
      print $0, f }' "$SMALL" > "$T/wave.csv"
expect_status 0 jl --db "$DB" survey import "$T/wave.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade
expect_stderr "respondents read:     60"
expect_stderr "imported:             56"
expect_stderr "excluded by screens:  4"
grep -qE '^ +fiktiv-drog +2$' "$T/err" || fail "count of screen fiktiv-drog"
grep -qE '^ +orimligt +2$' "$T/err" || fail "count of screen orimligt"
expect_status 0 jl --db "$DB" --format csv survey list
grep -q '^stockholmsenkaten-rise,2024,2024-01-01,56,4,0,' "$T/out" || fail "survey list: $(cat "$T/out")"
expect_status 0 jl --db "$DB" --format csv scores --wave 2024
grep -q '^r005,Utagerande,,,,excluded by screen fiktiv-drog,$' "$T/out" || fail "r005's reason"
grep -q '^r020,Utagerande,,,,excluded by screen orimligt,$' "$T/out" || fail "r020's reason"
# The counts, so the working view: every cell with its numbers.
expect_status 0 jl --db "$DB" --format csv profile --wave 2024 --division mellanomrade --unprotected
awk -F, 'NR > 1 && $5 == "T" && $6 == "T" { if ($11 != 56 || $23 != "unprotected") bad = 1; n++ }
         END { exit bad || n == 0 }' "$T/out" || fail "the excluded are in a profile's n"
# A range from high to low and a set that ends in a comma are refused,
# each where it stands, not read as a screen that excludes nobody.
sed 's/^exclude-if: fiktiv in 2-3$/exclude-if: fiktiv in 3-2/; s/^exclude-if: fiktiv in 1 and/exclude-if: fiktiv in 1, and/' \
    "$T/screened.instrument" > "$T/backwards.instrument"
expect_status 1 jl instrument check "$T/backwards.instrument"
expect_stderr 'error: expected a range from low to high such as 4-5, found 3-2 in "3-2"'
expect_stderr 'error: expected a set of codes such as 2,4-5, found "1,"'
echo "090-screens ok"
