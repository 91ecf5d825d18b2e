#!/bin/sh
# 335: protection of raw releases (every cell with its true counts) by
# jl_release_protect, through bench/protect.c: each attack of
# sdc-security.md §1.3 (margins, linked tables, a sliver, a rounded
# percentage) and the worked example of §3.2 succeed against the primary
# rules alone (the audit fails) and fail against the protected release
# (the audit passes); a single sensitive count by area, grade and sex is
# protected by the eight cells of a hypercube and no total; a release
# with nothing sensitive hides nothing; a margin that not every
# respondent is in (no sex given) is protected in one round; the
# same input in another order gives the same pattern; an earlier release
# of the same wave is respected.
. "$(dirname "$0")/lib.sh"
set -e
R="$T/rel"
P=${JAMLIK_PROTECT:?}
python3 "$SRC/tests/fixtures/release/make-releases.py" "$R"

for f in raw-worked raw-threshold raw-linked raw-sliver raw-pct; do
    expect_status 1 "$P" --no-secondary "$R/$f"
    expect_stdout "audit: FAILED"
    expect_status 0 "$P" --statuses "$T/$f.st" "$R/$f"
    expect_stdout "audit: passed"
done

# §3.2: the one sensitive cell N1xG7 and the rectangle that protects it:
# N1xG8, N2xG7, N2xG8, every margin left published.
grep suppressed "$T/raw-worked.st" > "$T/got"
printf '%s\n' "omr,N1,2024,7,T,S,p75,suppressed,min_count" \
    "omr,N1,2024,8,T,S,p75,suppressed,secondary" "omr,N2,2024,7,T,S,p75,suppressed,secondary" \
    "omr,N2,2024,8,T,S,p75,suppressed,secondary" > "$T/want"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" >&2; fail "worked example"; }

# §1.3 a: the girls hidden with the boys, the total kept.
grep -q "^omr,X,2024,9,K,S,p75,suppressed,secondary$" "$T/raw-threshold.st" || fail "girls shown"
grep -q "^omr,X,2024,9,T,S,p75,ok,$" "$T/raw-threshold.st" || fail "total hidden"
# §1.3 b: the girls' total on scale S hidden; scale T left as it was.
grep -q "^omr,X,2024,T,K,S,p75,suppressed,secondary$" "$T/raw-linked.st" || fail "linked total"
[ "$(grep -c ',T,p75,ok,$' "$T/raw-linked.st")" = 3 ] || fail "linked: scale T hidden"
# §1.3 c: one of the two overlapping areas hidden.
[ "$(grep -c suppressed "$T/raw-sliver.st")" = 1 ] || fail "sliver"

# A hypercube: the eight inner cells of P1 and P2, nothing else.
expect_status 0 "$P" --statuses "$T/cube.st" "$R/raw-cube"
expect_stdout "audit: passed"
grep suppressed "$T/cube.st" | cut -d, -f2,4,5 | sort > "$T/got"
printf '%s\n' P1,8,K P1,8,M P1,9,K P1,9,M P2,8,K P2,8,M P2,9,K P2,9,M > "$T/want"
cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" >&2; fail "hypercube"; }

# Nothing sensitive: nothing hidden, the same as the primary rules alone.
expect_status 0 "$P" --statuses "$T/safe.st" "$R/raw-safe"
expect_stdout "secondary 0"
if grep -q suppressed "$T/safe.st"; then fail "gratuitous suppression"; fi

# Deterministic: twice the same, and the same whatever the rows' order.
expect_status 0 "$P" --statuses "$T/again.st" "$R/raw-worked"
cmp -s "$T/again.st" "$T/raw-worked.st" || fail "two runs differ"
expect_status 0 "$P" --statuses "$T/rev.st" "$R/raw-worked-rev"
sort "$T/rev.st" > "$T/a"
sort "$T/raw-worked.st" > "$T/b"
cmp -s "$T/a" "$T/b" || { diff "$T/a" "$T/b" >&2; fail "order changes the pattern"; }

# Not every respondent has a sex: the part without one is in the sex
# margin's relations, so the structural pass hides the grade total that
# bounds the complements of 8K and 8M, and one audit passes. The two of
# each grade without a sex are a group of their own: the grade total less
# the girls and the boys would give their answers away, on scale U too
# (1 of 2 yes), so U's totals are hidden and its girls and boys shown.
expect_status 1 "$P" --no-secondary "$R/raw-nosex"
expect_status 0 "$P" --statuses "$T/nosex.st" "$R/raw-nosex"
expect_stdout "audit: passed"
expect_stdout "1 audit "
grep -q "^omr,X,2024,8,T,S,p75,suppressed,secondary$" "$T/nosex.st" || fail "no sex: 8T shown"
for c in 8,T 9,T T,T; do
    grep -q "^omr,X,2024,$c,U,p75,suppressed,secondary$" "$T/nosex.st" ||
        fail "no sex: U's total $c shown, which gives the two without a sex away"
done
[ "$(grep -c ',U,p75,ok,' "$T/nosex.st")" = 6 ] || fail "no sex: U's girls and boys hidden"

# An earlier release of the same wave hid the boys and the girls and
# published the total: publishing the girls now would give the boys away.
expect_status 1 "$P" --no-secondary "$R/raw-girls" --earlier "$R/protected"
expect_status 0 "$P" --statuses "$T/girls.st" "$R/raw-girls" --earlier "$R/protected"
grep -q "^omr,X,2024,9,K,S,p75,suppressed,secondary$" "$T/girls.st" || fail "earlier release"
# A corrected wave: revision 1 published only the total (16 of 26), and
# one boy was added. Published as it stands, 17 of 27 gives his answer
# away (and the boys, 7, are a small group). Protected with revision 1 as
# a public fact: the boys and the total are hidden, so his answer lies in
# [0, 1], and so are the girls, as the boys would be the total minus them.
expect_status 1 "$P" --no-secondary "$R/raw-corrected" --earlier "$R/corrected-old"
expect_status 0 "$P" --statuses "$T/corr.st" "$R/raw-corrected" --earlier "$R/corrected-old"
expect_stdout "audit: passed"
[ "$(grep -c ",S,p75,suppressed," "$T/corr.st")" = 3 ] || { cat "$T/corr.st"; fail "corrected: not all three hidden"; }
echo ok
