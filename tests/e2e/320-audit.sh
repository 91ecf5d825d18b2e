#!/bin/sh
# 310: jamlik audit on hand-made release exports with known answers
# (tests/fixtures/release/make-releases.py writes them; sdc-security.md
# §1.3 and §3.2): the worked example's exact intervals; a threshold-only
# export whose margins give the hidden boys away; linked tables (Fréchet
# bounds); a sliver between two overlapping areas; a percentage with its n;
# a corrected wave (one respondent added or removed between revisions);
# a pupil of another sex, whom the total less girls and boys leaves;
# a protected export that passes; a changed number, releases that
# contradict each other (exit 3); a malformed
# field named by line and column; usage errors; two runs alike.
. "$(dirname "$0")/lib.sh"
set -e
R="$T/rel"
python3 "$SRC/tests/fixtures/release/make-releases.py" "$R"
# rows without the file column (it holds the temporary path) and without
# the source column every CSV ends with (empty here: the audit has no notes)
rows() { cut -d, -f2- "$T/out" | sed 's/,source$//; s/,$//'; }
want_rows() {
    printf '%s\n' "$@" > "$T/want"
    rows > "$T/got"
    cmp -s "$T/want" "$T/got" || { diff "$T/want" "$T/got" >&2; fail "rows differ"; }
}

# §3.2: N1xG7 is protected ([0,7] passes 5); with all four hidden by a
# rule not said (confidential: each might be primary) and a protection of
# 9, the audit prints the four intervals of the example (the sizes and the
# complements, 4 x 2 more values, are wide).
expect_status 0 jl audit "$R/worked"
expect_stdout "Audit passed: 2 protected values checked"
expect_status 1 jl --format csv audit "$R/worked-all" --protection 9
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    "2,omr,N1,2024,7,T,S,p75,k,0,7,range" "3,omr,N1,2024,8,T,S,p75,k,0,7,range" \
    "6,omr,N2,2024,7,T,S,p75,k,1,8,range" "7,omr,N2,2024,8,T,S,p75,k,1,8,range"
expect_stderr "Audit failed: 4 of 12 protected values"

# §1.3 a: total 26 (16 yes) minus the girls 20 (14 yes): the boys are 6, 2 yes.
expect_status 1 jl --format csv audit "$R/threshold"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    "3,omr,X,2024,9,M,S,,n_scored,6,6,range" "3,omr,X,2024,9,M,S,p75,k,2,2,range" \
    "3,omr,X,2024,9,M,S,p75,n_scored-k,4,4,range"
expect_status 0 jl audit "$R/protected"
expect_stdout "Audit passed: 3 protected values checked"

# §1.3 b: grade 9 girls' yes lies in [26, 30] (Fréchet: 30 + 36 - 40),
# and grade 8's in [6, 10]; both hidden by a rule not said, both might be
# primary, and both fail.
expect_status 1 jl --format csv audit "$R/linked"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    "3,omr,X,2024,9,K,S,p75,k,26,30,range" "3,omr,X,2024,9,K,S,p75,n_scored-k,0,4,range" \
    "4,omr,X,2024,8,K,S,p75,k,6,10,range" "4,omr,X,2024,8,K,S,p75,n_scored-k,0,4,range"
# The same with the rules named, as an earlier version wrote them: the
# codes tell more. Grade 9's min_count: at least one "no"; grade 8's
# secondary: at least 3 "no" of its 10, so at most 7 yes, and grade 9 has
# at least 36 - 7 = 29: exactly 29. Grade 8, a complement, is not asked.
expect_status 1 jl --format csv audit "$R/linked-rules"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    "3,omr,X,2024,9,K,S,p75,k,29,29,range" "3,omr,X,2024,9,K,S,p75,n_scored-k,1,1,range"

# §1.3 c: block 4 is 214 - 212 = 2 pupils, 33 - 31 = 2 of them yes.
expect_status 1 jl --format csv audit "$R/sliver"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    ",derived,ext:CX ∖ omr:C,2024,T,T,S,,n_scored,2,2,range" \
    ",derived,ext:CX ∖ omr:C,2024,T,T,S,p75,k,2,2,range" \
    ",derived,ext:CX ∖ omr:C,2024,T,T,S,p75,n_scored-k,0,0,range"

# §1.3 e: 9.1 % of 11 is one pupil; the girls have none, so the boy's is it.
expect_status 1 jl --format csv audit "$R/pct"
expect_stdout ",omr,X,2024,T,M,S,p75,k,1,1,range"

# One published number changed after export: the hash no longer matches.
cp -r "$R/protected" "$T/changed"
sed -i 's/,26,26,16,/,26,26,17,/' "$T/changed/cells.csv"
expect_status 3 jl audit "$T/changed"
expect_stderr "changed/cells.csv: error: the file's SHA-256 is"
rm "$T/changed/areas.csv"
expect_status 3 jl audit "$T/changed"
expect_stderr "changed/areas.csv: error: cannot open the file"
# An area that lists a base unit twice (its hashes right): the set it
# means is unclear, and the attacker's sums would count the unit twice.
cp -r "$R/protected" "$T/twice"
sed -i 's/,block,b1$/,block,b1|b1/' "$T/twice/areas.csv"
python3 - "$T/twice" <<'PY'
import hashlib, json, sys
d = sys.argv[1]
m = json.load(open(d + '/manifest.json'))
m['files']['areas.csv'] = hashlib.sha256(open(d + '/areas.csv', 'rb').read()).hexdigest()
json.dump(m, open(d + '/manifest.json', 'w'))
PY
expect_status 3 jl audit "$T/twice"
expect_stderr "twice/areas.csv:2:"
expect_stderr 'expected each base code once, found "b1" twice'
expect_status 3 jl audit "$R/badcount"
expect_stderr "badcount/cells.csv:2:29: error: expected a count (a whole number from 0), found \"12a\""

# Earlier releases are read and audited with the release. What the
# earlier ones alone give away (the boys of "threshold") no new release
# can undo: it is listed as "earlier" and passes where the new release
# narrows it no further; "threshold" alone fails.
expect_status 0 jl --format csv audit "$R/protected" --earlier "$R/threshold"
grep -q 'threshold/cells.csv,3,omr,X,2024,9,M,S,p75,k,2,2,earlier' "$T/out" ||
    { cat "$T/out"; fail "the earlier release's own disclosure is not listed"; }
expect_stderr '6 of the values (problem "earlier") were already narrower than 5'
expect_status 1 jl audit "$R/threshold"
# Narrower than the earlier releases left it fails: "linked" alone leaves
# grade 8's girls within [6, 10]; a release showing grade 9's (27 of 30,
# public now) makes them exactly 36 - 27 = 9.
expect_status 1 jl --format csv audit "$R/linked-narrow" --earlier "$R/linked"
grep -q 'linked/cells.csv,4,omr,X,2024,8,K,S,p75,k,9,9,range' "$T/out" ||
    { cat "$T/out"; fail "a value narrowed further passed"; }

# §1.3 d, a corrected wave: revision 1 said 16 of 26, revision 2 (one
# added) says 17 of 27: the one added answered yes. The file column is
# empty: the part is no cell's. One removed (15 of 25): the one removed
# answered yes. With revision 2's count hidden, the added answer lies in
# [0, 1] and passes; the hidden count itself differs from the public 16
# only by that answer, and needs no more than [16, 17] (2 + 2 values).
expect_status 1 jl --format csv audit "$R/corrected" --earlier "$R/corrected-old"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    ",omr,X,2024,9,T,S,p75,added:k,1,1,range" ",omr,X,2024,9,T,S,p75,added:n_scored-k,0,0,range"
expect_status 1 jl --format csv audit "$R/corrected-removed" --earlier "$R/corrected-old"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    ",omr,X,2024,9,T,S,p75,removed:k,1,1,range" ",omr,X,2024,9,T,S,p75,removed:n_scored-k,0,0,range"
expect_status 0 jl audit "$R/corrected-protected" --earlier "$R/corrected-old"
expect_stdout "Audit passed: 4 protected values checked"
expect_stdout "4 of the values are what a correction of a wave added or removed"
# Ten girls removed, the girls hidden: the boys and the total pin them (2
# of 10), and the old release's 5 of 20 is no excuse, as ten changed.
expect_status 1 jl --format csv audit "$R/corrected-large" --earlier "$R/corrected-large-old"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    "2,omr,X,2024,9,K,S,p75,k,2,2,range" "2,omr,X,2024,9,K,S,p75,n_scored-k,8,8,range"
# Eleven added to A and B, both large parts, but one of them to the
# sliver A - B, who answered yes.
expect_status 1 jl --format csv audit "$R/corrected-sliver" --earlier "$R/corrected-sliver-old"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    ",derived,omr:A ∖ omr2:B,2024,9,T,S,p75,added:k,1,1,range" \
    ",derived,omr:A ∖ omr2:B,2024,9,T,S,p75,added:n_scored-k,0,0,range"
expect_status 0 jl audit "$R/corrected-sliver"
# Revision 2 adds a pupil without a grade to a revision where everyone
# had one: his answer shows in the total, as the one without a grade
# (grade empty) in revision 2 alone, and as the one added.
expect_status 1 jl --format csv audit "$R/corrected-nograde" --earlier "$R/corrected-nograde-old"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    ",omr,X,2024,,T,S,,n_scored,1,1,range" ",omr,X,2024,,T,S,p75,k,1,1,range" \
    ",omr,X,2024,,T,S,p75,n_scored-k,0,0,range" ",omr,X,2024,,T,S,p75,added:k,1,1,range" \
    ",omr,X,2024,,T,S,p75,added:n_scored-k,0,0,range" ",omr,X,2024,T,T,S,p75,added:k,1,1,range" \
    ",omr,X,2024,T,T,S,p75,added:n_scored-k,0,0,range"
# A pupil who answered the sex question another way is in the total and
# in neither the girls nor the boys: 36 - 20 - 15 = 1, and 20 - 14 - 5 =
# 1 yes (grade T: the only grade is the total). Hidden, the total leaves
# that pupil unknown.
expect_status 1 jl --format csv audit "$R/othersex"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    ",omr,X,2024,T,,S,,n_scored,1,1,range" ",omr,X,2024,T,,S,p75,k,1,1,range" \
    ",omr,X,2024,T,,S,p75,n_scored-k,0,0,range"
expect_status 0 jl audit "$R/othersex-protected"
# Across two areas: C's 12 of another sex less A's 11 is the one in block
# 2 (grade 9, and so the grades' total), who answered no.
expect_status 1 jl --format csv audit "$R/sliver-othersex"
want_rows "line,division,area,wave,grade,sex,scale,cutoff,value,low,high,problem" \
    ",derived,stad:C ∖ omr:A,2024,9,,S,,n_scored,1,1,range" \
    ",derived,stad:C ∖ omr:A,2024,T,,S,,n_scored,1,1,range" \
    ",derived,stad:C ∖ omr:A,2024,9,,S,p75,k,0,0,range" \
    ",derived,stad:C ∖ omr:A,2024,9,,S,p75,n_scored-k,1,1,range" \
    ",derived,stad:C ∖ omr:A,2024,T,,S,p75,k,0,0,range" \
    ",derived,stad:C ∖ omr:A,2024,T,,S,p75,n_scored-k,1,1,range"
# Each revision alone passes: the attack needs both.
expect_status 0 jl audit "$R/corrected"
# Revision 2 without what it changed cannot be linked to revision 1.
expect_status 3 jl audit "$R/corrected-unsaid" --earlier "$R/corrected-old"
expect_stderr "no manifest says how many respondents revision 2 added and removed"

# Releases that contradict each other are refused like unreadable files.
expect_status 3 jl audit "$R/protected" --earlier "$R/conflict"
expect_stderr "conflict/cells.csv:2:1: error: n = 27 here, but 26 for the same group at"
expect_status 3 jl audit "$R/protected" --earlier "$R/otherbase"
expect_stderr "otherbase/areas.csv:2:1: error: area X of division omr is other base units than at"

# Usage.
expect_status 2 jl audit
expect_status 2 jl audit "$R/worked" --protection 0
expect_stderr "expected --protection from 1 to 1000"
expect_status 2 jl audit "$R/worked" --earlier
expect_status 2 jl audit "$R/worked" "$R/pct"

# The same files give the same output, byte for byte.
expect_status 1 jl --format csv audit "$R/linked" --earlier "$R/sliver"
cp "$T/out" "$T/first"
expect_status 1 jl --format csv audit "$R/linked" --earlier "$R/sliver"
cmp -s "$T/out" "$T/first" || fail "two runs differ"
echo ok
