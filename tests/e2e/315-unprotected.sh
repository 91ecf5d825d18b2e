#!/bin/sh
# 315: the analyst's commands show by default only what the disclosure
# rules leave (no number in a hidden cell, in any format), and the working
# view (--unprotected) says in every format that it is not for
# publication: the first line of a table, of csv-sv and of a workbook's
# sheet; "unprotected": true first in JSON; status `unprotected` on every
# CSV row.
. "$(dirname "$0")/lib.sh"
set -e
cd "$T"
expect_status 0 jl --quiet demo
P="profile --wave 2024 --division mellanomrade --by grade,sex"

# Protected: hidden cells carry no count, no share, no interval, no p, no
# flag; every reason is "confidential" (which rule hid a cell would say
# how many answered which way), and the primary rules' cells are among
# them (checked against the working view below).
expect_status 0 jl --db demo.db --format csv $P
cp out prot.csv
python3 - prot.csv <<'PY' || fail "protected profile"
import csv, sys
from collections import Counter
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
why = Counter()
for r in rows:
    if r['status'] == 'ok':
        ns, k = int(r['n_scored']), int(r['k'])
        assert ns >= 10 and not (1 <= k <= 2 or 1 <= ns - k <= 2 or k == ns), r
        assert r['reason'] == '', r
    else:
        assert r['status'] == 'suppressed', r
        assert all(r[c] == '' for c in ('n', 'n_scored', 'k', 'pct', 'ci_low', 'ci_high',
                                        'diff', 'p', 'p_adj', 'flag')), r
        why[r['reason']] += 1
assert set(why) == {'confidential'}, why
print(len(rows), 'cells,', dict(why))
PY

# The working view: the same cells, every one with its numbers.
expect_status 0 jl --db demo.db --format csv $P --unprotected
expect_stderr "NOT FOR PUBLICATION"
python3 - out prot.csv <<'PY' || fail "unprotected CSV"
import csv, sys
u = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
p = list(csv.DictReader(open(sys.argv[2], encoding='utf-8')))
assert len(u) == len(p)
primary = 0
for a, b in zip(u, p):
    assert a['status'] == 'unprotected' and a['reason'] == '', a
    assert a['n'] != '', a
    if b['status'] == 'ok':
        assert all(a[c] == b[c] for c in ('n', 'n_scored', 'k', 'pct')), (a, b)
    ns, k = int(a['n_scored']), int(a['k']) if a['k'] != '' else -1
    if ns < 10 or 1 <= k <= 2 or 1 <= ns - k <= 2 or k == ns:
        primary += 1
        assert b['status'] == 'suppressed', (a, b)
assert primary > 0
PY
expect_status 0 jl --db demo.db --lang sv --format csv-sv $P --unprotected
head -1 out | grep -q 'EJ FÖR PUBLICERING' || fail "csv-sv first line: $(head -1 out)"
expect_status 0 jl --db demo.db --format json $P --unprotected
head -c 20 out | grep -q '^{"unprotected":true,' || fail "JSON: $(head -c 40 out)"
expect_status 0 jl --db demo.db --format json $P
! grep -q '"unprotected"' out || fail "protected JSON says unprotected"
expect_status 0 jl --db demo.db --lang sv $P --unprotected
head -1 out | grep -q '^EJ FÖR PUBLICERING' || fail "table first line: $(head -1 out)"
expect_status 0 jl --db demo.db --lang sv $P
! grep -q 'EJ FÖR PUBLICERING' out || fail "protected table says unprotected"
grep -q ' dold ' out || fail "no 'dold' in the protected table"
grep -q 'Vilket det är sägs inte' out || fail "no note on hidden cells under the protected table"
! grep -q 'för få svar  \|skyddar andra' out || fail "the protected table names a rule"
expect_status 0 jl --db demo.db --lang sv --format xlsx --output w.xlsx $P --unprotected
/usr/bin/python3 - w.xlsx <<'PY' || fail "xlsx first line"
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
first = ws['A1'].value
assert first.startswith('EJ FÖR PUBLICERING'), first
PY

# priorities and profile compare take the option too and say so.
expect_status 0 jl --db demo.db priorities --wave 2024 --division primaromrade --area 412 \
    --unprotected
head -1 out | grep -q '^NOT FOR PUBLICATION' || fail "priorities first line"
expect_status 0 jl --db demo.db --format json profile compare --wave 2024 --scale Community \
    --indicator utrikes_fodda_andel --division mellanomrade --period 2023 --unprotected
head -c 20 out | grep -q '^{"unprotected":true,' || fail "compare JSON"

# autocorr survey:…: areas the rules hide are left out of the clusters;
# the working view keeps every one and says so in every format.
A="autocorr survey:Community@2024 --division primaromrade --weights queen --permutations 99"
expect_status 0 jl --db demo.db --format csv $A --min-n 60
prot=$(($(wc -l < out) - 1))
grep -q "NOT FOR PUBLICATION" err && fail "protected autocorr marked"
expect_status 0 jl --db demo.db --format csv $A --min-n 60 --unprotected
expect_stderr "NOT FOR PUBLICATION"
all=$(($(wc -l < out) - 1))
[ "$prot" -gt 0 ] && [ "$prot" -lt "$all" ] && [ "$all" -eq 96 ] ||
    fail "autocorr areas: $prot protected, $all unprotected"
expect_status 0 jl --db demo.db $A --min-n 60 --unprotected
head -1 out | grep -q '^NOT FOR PUBLICATION' || fail "autocorr first line"
expect_status 0 jl --db demo.db --format json $A --unprotected
head -c 20 out | grep -q '^{"unprotected":true,' || fail "autocorr JSON"
expect_status 0 jl --db demo.db --format json $A
head -c 20 out | grep -q '^{"notes"' || fail "protected autocorr JSON"
