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
    # The interval's ends are order statistics: R's to the last bit.
    for k in ('ci_low', 'ci_high'):
        assert (g[k] == '' and w[k] == '') or float(g[k]) == float(w[k]), (k, w, g)
    assert g['n_smaller_side'] == w['smaller_side'], (w, g)
    assert g['uncertain'] == ('1' if int(w['smaller_side']) < 10 else '0'), (w, g)
    p = int(w['cutoff'][1:])
    assert float(g['norm_pct']) == 100 - p, g               # norm by construction
    assert g['headline'] == ('1' if p in (75, 15) else '0'), g
print('14 cut-offs equal R quantile(type = 7)')
PY
# A few answers beyond the cut-off: a warning per uncertain cut-off that
# names it and how many scores it rests on (Utagerande p90: 4 of 60).
expect_stderr "Warning: Utagerande p90 rests on 4 scores on its smaller side of 60 in wave 2024"
if grep -q "Warning: Utagerande p75" "$T/err"; then fail "p75 (14 beyond) is not uncertain"; fi
# A percentile the wave cannot bound: the interval is open on that side.
expect_status 0 jl --db "$DB" --format csv cutoffs derive --instrument stockholmsenkaten-rise \
    --reference-wave 2024 --percentiles 75,99
grep -q '^Utagerande,p99,[^,]*,[^,]*,,' "$T/out" || fail "p99 of 60 has an upper bound: $(grep p99 "$T/out")"
expect_stderr "p99 rests on 1 score on its smaller side of 60 in wave 2024, too few to bound its interval at 95 %"
expect_status 0 jl --db "$DB" --format csv cutoffs derive --instrument stockholmsenkaten-rise \
    --reference-wave 2024
# Used by a profile: the set is named, the norms are the constructed ones.
expect_status 0 jl --db "$DB" --format json profile --wave 2024 --division mellanomrade --cutoffs derived:2024
grep -q '"cutoffs": *"derived:2024"' "$T/out" || fail "profile does not name the derived set"
grep -q '"norm_source": *"by construction: 25 % of wave 2024"' "$T/out" || fail "norm source of derived cut-offs"
# Whole-wave shares reach at least the constructed share (ties reach).
expect_status 0 jl --db "$DB" --format csv profile --wave 2024 --division mellanomrade --cutoffs derived:2024
awk -F, 'NR > 1 && $5 == "T" && $6 == "T" && $10 == 1 {
           want = ($8 == "protective") ? 85 : 25
           if ($14 + 0 < want) bad = 1; n++ }
         END { exit bad || n != 7 }' "$T/out" || fail "headline shares under the constructed norm"
# A wave of two respondents: one scale has a single score, refused in the
# singular, and nothing is stored.
head -3 "$SMALL" > "$T/tiny.csv"
expect_status 0 jl --db "$DB" --quiet survey import "$T/tiny.csv" --instrument stockholmsenkaten-rise \
    --wave 2020 --areas primaromrade,mellanomrade
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" cutoffs derive --instrument stockholmsenkaten-rise --reference-wave 2020
expect_stderr "scale Community has 1 score in wave 2020: too few to derive cut-offs"
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused derivation changed the database"
echo "080-cutoffs ok"
