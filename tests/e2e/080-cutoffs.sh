#!/bin/sh
# 080: cutoffs derive on the RISE instrument gives R's quantile(type = 7)
# of the reference wave's scores (tests/reference/quantile/cutoffs.R), is
# stored as "derived from wave W" with norms by construction, and can be
# used by profile.
. "$(dirname "$0")/lib.sh"
set -e
REF="$SRC/tests/reference/quantile"
DB="$T/db"
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade
# The reference was computed from these very scores.
expect_status 0 jl --db "$DB" --format csv scores --wave 2024
# The last column, source, is empty: the wave is real (not synthetic).
sed -e '1s/,source$//' -e '2,$s/,$//' "$T/out" | cmp -s - "$REF/rise-small-scores.csv" ||
    fail "scores differ from the reference's input"

expect_status 0 jl --db "$DB" --format csv cutoffs derive --instrument stockholmsenkaten-rise \
    --reference-wave 2024
expect_stderr "derived:2024"
python3 - "$T/out" "$REF/rise-small-cutoffs.csv" <<'PY' || fail "derived cut-offs are not R's"
import csv, sys
got = {(r['scale'], r['cutoff']): r for r in csv.DictReader(open(sys.argv[1]))}
want = list(csv.DictReader(open(sys.argv[2])))
assert len(got) == len(want) == 14, (len(got), len(want))
for w in want:
    g = got[(w['scale'], w['cutoff'])]
    assert float(g['value']) == float(w['value']), (w, g)   # to the last bit
    assert g['n'] == w['n'], (w, g)
    p = int(w['cutoff'][1:])
    assert float(g['norm_pct']) == 100 - p, g               # norm by construction
    assert g['headline'] == ('1' if p in (75, 15) else '0'), g
print('14 cut-offs equal R quantile(type = 7)')
PY
# Used by a profile: the set is named, the norms are the constructed ones.
expect_status 0 jl --db "$DB" --format json profile --wave 2024 --division mellanomrade --cutoffs derived:2024
grep -q '"cutoffs": *"derived:2024"' "$T/out" || fail "profile does not name the derived set"
grep -q '"norm_source": *"by construction: 25 % of wave 2024"' "$T/out" || fail "norm source of derived cut-offs"
# Whole-wave shares reach at least the constructed share (ties reach).
expect_status 0 jl --db "$DB" --format csv profile --wave 2024 --division mellanomrade --cutoffs derived:2024
awk -F, 'NR > 1 && $4 == "T" && $5 == "T" && $9 == 1 {
           want = ($7 == "protective") ? 85 : 25
           if ($13 + 0 < want) bad = 1; n++ }
         END { exit bad || n != 7 }' "$T/out" || fail "headline shares under the constructed norm"
echo "080-cutoffs ok"
