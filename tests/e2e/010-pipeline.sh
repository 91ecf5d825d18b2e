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
head -1 "$T/out" | grep -qx 'respondent,scale,score,se,reached,reason' || fail "scores header"
[ "$(wc -l < "$T/out")" = 421 ] || fail "scores: want 60 x 7 rows"
expect_status 0 jl --db "$DB" --format csv profile --wave 2024 --division primaromrade --by grade,sex
head -1 "$T/out" | grep -qx 'division,area,wave,grade,sex,scale,kind,cutoff,headline,n,n_scored,k,pct,ci_low,ci_high,norm_pct,norm_source,diff,flag,status,reason' \
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
