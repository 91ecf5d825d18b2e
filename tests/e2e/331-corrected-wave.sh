#!/bin/sh
# 331: the one-extra-respondent attack (issue 18; sdc-security.md §1.3 d)
# through the database. Wave 2024 (60 pupils, one mellanområde) is
# released by sex; then one late questionnaire (a copy of a boy's
# answers, r001) is added with survey import --replace. The import says
# what changed; the release of revision 2 is audited with release 1 as a
# public fact, publishes the girls (whom nothing changed) and hides the
# boys and the totals, whose counts would give his answers away. The same
# counts published as they stand (the release of a database that never
# had revision 1, its manifest saying what changed) fail the audit, one
# answer pinned per scale and cut-off.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade
expect_status 0 jl --db "$DB" release create --wave 2024 --division mellanomrade --by sex \
    --min-count 1
expect_stdout "84 cells: 84 published, 0 hidden."
expect_status 0 jl --db "$DB" --quiet release export 1 "$T/e1"

{ cat "$SMALL"; sed -n 2p "$SMALL" | sed 's/^r001,/late1,/'; } > "$T/plus1.csv"
grep -q '^r001,Skola B,9,M,' "$T/plus1.csv" || fail "the fixture's first pupil is no longer a boy"
expect_status 0 jl --db "$DB" survey import "$T/plus1.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade --replace
expect_stderr "revision 2: 1 added and 0 removed since revision 1"

expect_status 0 jl --db "$DB" release create --wave 2024 --division mellanomrade --by sex \
    --min-count 1
expect_stdout "Release 2:"
expect_stdout "84 cells: 28 published, 56 hidden."
expect_stdout "Audit passed"
expect_status 0 jl --db "$DB" --quiet release export 2 "$T/e2"
expect_status 0 jl audit "$T/e2" --earlier "$T/e1"
expect_stdout "Audit passed"
# the girls of both areas (the city is mellanområde 1) published, the rest hidden
[ "$(grep -c '^[a-z]*,[a-z0-9]*,2024,T,K,.*,ok,' "$T/e2/cells.csv")" = 28 ] || fail "the girls hidden"
if grep -q '^[a-z]*,[a-z0-9]*,2024,T,[MT],.*,ok,' "$T/e2/cells.csv"; then
    fail "a count of the boys or the total published"
fi

# Threshold-only: revision 2's counts as they stand, said to be revision
# 2 with one added. The audit recovers the boy's answer on every scale
# and cut-off (k and n_scored - k, 7 x 2 x 2 values each pinned, for the
# boys and for the total).
D2="$T/db2"
expect_status 0 jl --db "$D2" --quiet instrument import "$RISE"
expect_status 0 jl --db "$D2" --quiet survey import "$T/plus1.csv" \
    --instrument stockholmsenkaten-rise --wave 2024 --areas primaromrade,mellanomrade
expect_status 0 jl --db "$D2" release create --wave 2024 --division mellanomrade --by sex \
    --min-count 1
expect_stdout "84 cells: 84 published, 0 hidden."
expect_status 0 jl --db "$D2" --quiet release export 1 "$T/raw"
python3 - "$T/raw" <<'PY'
import hashlib, json, sys
d = sys.argv[1]
m = json.load(open(d + '/manifest.json'))
m['waves'][0]['revision'] = 2
m['waves'][0]['changes'] = [{'revision': 2, 'added': 1, 'removed': 0}]
m['release'] = 9
json.dump(m, open(d + '/manifest.json', 'w'), indent=2)
PY
expect_status 0 jl audit "$T/raw"
expect_status 1 jl --format csv audit "$T/raw" --earlier "$T/e1"
[ "$(grep -c ',added:' "$T/out")" = 56 ] || { cat "$T/out"; fail "not 56 values pinned"; }
grep -q ',mellanomrade,1,2024,T,M,Utagerande,p75,added:k,1,1,range' "$T/out" ||
    fail "the boy's answer on Utagerande is not pinned to yes"
if grep -q ',2024,T,K,' "$T/out"; then fail "a girls' value failed: nobody was added there"; fi
echo "331-corrected-wave: ok"
