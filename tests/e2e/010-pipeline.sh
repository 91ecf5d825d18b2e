#!/bin/sh
# 010: import -> scores -> profile -> priorities on a small synthetic fixture.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
expect_status 0 jl --db "$DB" init
expect_status 0 jl --db "$DB" instrument import "$RISE"
expect_stderr "50 items, 7 scales"
expect_status 0 jl --db "$DB" survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade
expect_stderr "imported:             60"
expect_status 0 jl --db "$DB" --format csv scores --wave 2024
head -1 "$T/out" | grep -qx 'respondent,scale,score,se,reached,reason,source' || fail "scores header"
[ "$(wc -l < "$T/out")" = 421 ] || fail "scores: want 60 x 7 rows"
expect_status 0 jl --db "$DB" --format csv profile --wave 2024 --division primaromrade --by grade,sex
head -1 "$T/out" | grep -qx 'division,area,wave,grade,sex,scale,kind,cutoff,headline,n,n_scored,k,pct,ci_low,ci_high,norm_pct,norm_source,diff,flag,status,reason,source' \
    || fail "profile header"
# 2 areas x (2 grades + T) x (2 sexes + T) x 14 scale cut-offs
[ "$(wc -l < "$T/out")" = $((2 * 3 * 3 * 14 + 1)) ] || fail "profile rows: $(wc -l < "$T/out")"
# Every shown cell: pct = 100 k / n_scored and the interval holds pct;
# every group under 10 scored is suppressed with empty numbers.
awk -F, 'NR > 1 {
    if ($20 == "ok") {
        if ($11 < 10) { print "shown below 10: " $0; bad = 1 }
        p = 100 * $12 / $11; d = p - $13; if (d < 0) d = -d
        if (d > 1e-9) { print "pct: " $0; bad = 1 }
        if ($14 > $13 + 1e-9 || $15 < $13 - 1e-9) { print "ci: " $0; bad = 1 }
    } else if ($20 == "suppressed") {
        if ($10 != "" || $11 != "" || $12 != "" || $13 != "" || $21 == "") { print "supp: " $0; bad = 1 }
    } else { print "status: " $0; bad = 1 }
} END { exit bad }' "$T/out" || fail "profile cells"
grep -q ',suppressed,' "$T/out" || fail "expected some suppressed small groups"
expect_status 0 jl --db "$DB" priorities --wave 2024 --area 101 --division primaromrade --top 3
expect_stdout "Priorities for area 101"
[ "$(grep -cE '^ +[0-9]+  ' "$T/out")" = 3 ] || fail "want 3 priorities"
# --norm city compares with the whole wave
expect_status 0 jl --db "$DB" --format csv profile --wave 2024 --division mellanomrade --norm city
grep -q 'staden, samma våg' "$T/out" || fail "city norm source"

# The whole profile recomputed independently from the scores and the
# fixture in Python: every cell's n, n_scored, k, share, Wilson interval,
# difference and flag, and exactly the small groups suppressed.
expect_status 0 jl --db "$DB" --format csv scores --wave 2024
cp "$T/out" "$T/scores.csv"
expect_status 0 jl --db "$DB" --format csv profile --wave 2024 --division primaromrade --by grade,sex
python3 - "$SMALL" "$T/scores.csv" "$T/out" <<'PY' || fail "profile differs from the recount"
import csv, math, sys
z = 1.959963984540054
resp = {r['id']: r for r in csv.DictReader(open(sys.argv[1]))}
scores = list(csv.DictReader(open(sys.argv[2])))
bad = cells = 0
for c in csv.DictReader(open(sys.argv[3])):
    def member(rid):
        r = resp[rid]
        return (r['primaromrade'] == c['area'] and c['grade'] in ('T', r['grade'])
                and c['sex'] in ('T', r['sex']))
    n = sum(1 for rid in resp if member(rid))
    rows = [s for s in scores if s['scale'] == c['scale'] and member(s['respondent'])]
    ns = sum(1 for s in rows if s['score'] != '')
    k = sum(1 for s in rows if c['cutoff'] in s['reached'].split('|'))
    cells += 1
    if ns < 10:
        ok = c['status'] == 'suppressed' and c['n'] == c['k'] == c['pct'] == ''
    else:
        p = k / ns
        den = 1 + z * z / ns
        mid = (p + z * z / (2 * ns)) / den
        half = z * math.sqrt(p * (1 - p) / ns + z * z / (4 * ns * ns)) / den
        lo, hi = 100 * (mid - half), 100 * (mid + half)
        norm = float(c['norm_pct'])
        flag = 'high' if lo > norm else 'low' if hi < norm else ''
        ok = (c['status'] == 'ok' and int(c['n']) == n and int(c['n_scored']) == ns
              and int(c['k']) == k and abs(float(c['pct']) - 100 * p) < 1e-9
              and abs(float(c['ci_low']) - lo) < 1e-9 and abs(float(c['ci_high']) - hi) < 1e-9
              and abs(float(c['diff']) - (100 * p - norm)) < 1e-9 and c['flag'] == flag)
    if not ok:
        bad += 1
        if bad < 4:
            print('differs:', dict(c), n, ns, k)
print(f'{cells} profile cells recounted, {bad} differ')
sys.exit(1 if bad else 0)
PY

# The instrument as stored, in every format.
expect_status 0 jl --db "$DB" --format csv instrument list
grep -q '^stockholmsenkaten-rise,' "$T/out" || fail "instrument list"
expect_status 0 jl --db "$DB" --wide instrument show stockholmsenkaten-rise
expect_stdout "Utagerande"
expect_stdout "f66c"
expect_status 0 jl --db "$DB" --format json instrument show stockholmsenkaten-rise
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out" || fail "instrument show json"
# A second, earlier wave: priorities say whether each factor worsened.
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2022 --areas primaromrade,mellanomrade
expect_status 0 jl --db "$DB" --format json priorities --wave 2024 --area 101 --division primaromrade
grep -q 'than 2022' "$T/out" || fail "priorities compare with the previous wave"
# --min-n below 3 would single people out: refused.
expect_status 2 jl --db "$DB" profile --wave 2024 --min-n 2
expect_stderr 'expected --min-n from 3 to 1000, found "2"'
