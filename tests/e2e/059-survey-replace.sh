#!/bin/sh
# 059: a wave can be corrected: survey import --replace replaces a wave of
# the same name in one transaction (a refused file leaves the old one),
# and survey delete removes a wave with its respondents.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade

# Again without --replace: refused, with what to do.
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" --lang en survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade
expect_stderr 'already has a wave named "2024": give --replace to import it anew, or delete it with "jamlik survey delete"'
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused import changed the database"

# A corrected file (the first 30 respondents only) replaces it, and the
# import says what the correction changed.
head -31 "$SMALL" > "$T/fixed.csv"
expect_status 0 jl --db "$DB" --lang en survey import "$T/fixed.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade --replace
expect_stderr "imported:             30"
expect_stderr "revision 2: 0 added and 30 removed since revision 1"
# What a correction changed counts respondents as what a release can tell
# apart (areas, grade, sex, answers), not by id: one answer changed and
# one id changed are one removed and one added, and an id alone nothing.
awk -F, 'NR == 2 { $7 = ($7 == "1" ? "2" : "1") } NR == 3 { $1 = "renamed" } { print }' OFS=, \
    "$T/fixed.csv" > "$T/fixed2.csv"
expect_status 0 jl --db "$DB" --lang en survey import "$T/fixed2.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade --replace
expect_stderr "revision 3: 1 added and 1 removed since revision 2"
expect_status 0 jl --db "$DB" --quiet survey import "$T/fixed.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade --replace
expect_status 0 jl --db "$DB" --format csv survey list
[ "$(grep -c ',2024,' "$T/out")" = 1 ] || fail "expected one wave 2024"
grep -q ',2024,2024-01-01,30,' "$T/out" || { cat "$T/out"; fail "expected the replaced wave's 30 respondents"; }

# A broken file with --replace leaves the wave as it was.
h=$(hash_db "$DB")
printf 'id,grade\nx,10\n' > "$T/broken.csv"
expect_status 1 jl --db "$DB" survey import "$T/broken.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --replace
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused --replace changed the database"

# Delete.
expect_status 0 jl --db "$DB" --lang en survey delete 2024
expect_stderr "Deleted wave 2024 of stockholmsenkaten-rise (30 respondents)"
expect_status 0 jl --db "$DB" --format csv survey list
grep -q ',2024,' "$T/out" && fail "wave 2024 still listed"
expect_status 1 jl --db "$DB" --lang en survey delete 2024
expect_stderr 'no wave named "2024": see "jamlik survey list"'
echo "059-survey-replace ok"
