#!/bin/sh
# 070: the CTC Youth Survey template is refused until it is filled in,
# every placeholder reported; filled in (here with invented test items,
# codes and cut points, labelled as such), it scores by the mean model,
# checked against an independent computation in Python.
. "$(dirname "$0")/lib.sh"
set -e
TPL="$SRC/data/instruments/ctc-youth-survey-template.instrument"
n_ph=$(grep -o '<fyll i>' "$TPL" | wc -l)
[ "$n_ph" -gt 100 ] || fail "the template has only $n_ph placeholders"
n_ph_lines=$(grep -v '^#' "$TPL" | grep -c '<fyll i>')
expect_status 1 jl instrument check "$TPL"
[ "$(grep -c 'error: expected .*, found the placeholder <fyll i>' "$T/err")" = "$n_ph_lines" ] \
    || fail "each placeholder reported once: $(grep -c placeholder "$T/err") of $n_ph_lines"
expect_stderr "ctc-youth-survey-template.instrument:21:10: error: expected the version of your questionnaire, found the placeholder <fyll i>"
expect_stderr "error: expected the least number of answered items for a score, found the placeholder <fyll i>"
expect_status 1 jl --db "$T/db" instrument import "$TPL"
[ ! -e "$T/db" ] || { expect_status 0 jl --db "$T/db" --format csv instrument list; \
    [ "$(wc -l < "$T/out")" = 1 ] || fail "the template was stored"; }

# Fill it in with invented test values (not CTC's), reverse one item.
python3 - "$TPL" "$T/filled.instrument" "$T/wave.csv" <<'PY'
import random, re, sys
src = open(sys.argv[1], encoding='utf-8').read()
fill = {
    'version': 'test (invented values, not CTC)',
    'text': 'Syntetisk testfråga',
    'code': '1 = NO!\ncode: 2 = no\ncode: 3 = yes\ncode: 4 = YES!\nmissing: 9 = Vet ej',
    'score': '1=1 2=2 3=3 4=4',
    'min-items': '60%',
    'value': '2.5',
    'source': 'invented for jamlik tests',
}
out = re.sub(r'^([a-z-]+): <fyll i>$', lambda m: f'{m.group(1)}: {fill[m.group(1)]}', src,
             flags=re.M)
out = out.replace('item: oordning-narsamhalle-1\ntext: Syntetisk testfråga\n',
                  'item: oordning-narsamhalle-1\ntext: Syntetisk testfråga\nreverse: yes\n')
open(sys.argv[2], 'w', encoding='utf-8').write(out)
items = re.findall(r'^item: (\S+)\ntext:', out, flags=re.M)
rnd = random.Random(7)
with open(sys.argv[3], 'w') as f:
    f.write(','.join(['id', 'grade', 'sex'] + items) + '\n')
    for i in range(120):
        row = ['t%03d' % i, rnd.choice(['7', '9']), rnd.choice(['K', 'M', ''])]
        for it in items:
            u = rnd.random()
            row.append('' if u < 0.15 else '9' if u < 0.2 else str(rnd.randint(1, 4)))
        f.write(','.join(row) + '\n')
PY
expect_status 0 jl instrument check "$T/filled.instrument"
expect_status 0 jl --db "$T/db" --quiet instrument import "$T/filled.instrument"
expect_status 0 jl --db "$T/db" --quiet survey import "$T/wave.csv" \
    --instrument ctc-youth-survey-template --wave 2025
expect_status 0 jl --db "$T/db" --format csv scores --wave 2025
python3 - "$T/filled.instrument" "$T/wave.csv" "$T/out" <<'PY' || fail "mean scores differ"
import csv, math, re, sys
text = open(sys.argv[1], encoding='utf-8').read()
scales = {}
for st in text.split('\n\n'):
    m = re.search(r'^scale: (\S+)', st, flags=re.M)
    if m and 'model: mean' in st:
        scales[m.group(1)] = re.findall(r'^item: (\S+)$', st, flags=re.M)
has_cut = set(re.findall(r'^cutoff: cut\nscale: (\S+)', text, flags=re.M))
rev = set(re.findall(r'^item: (\S+)\ntext: [^\n]*\nreverse: yes', text, flags=re.M))
want = {}
for r in csv.DictReader(open(sys.argv[2])):
    for s, its in scales.items():
        vals = [int(r[i]) for i in its if r[i] in ('1', '2', '3', '4')]
        vals = [5 - v if i in rev else v for i, v in
                zip([i for i in its if r[i] in ('1', '2', '3', '4')], vals)]
        need = math.ceil(0.6 * len(its) - 1e-9)
        want[(r['id'], s)] = sum(vals) / len(vals) if len(vals) >= need else None
got = {(r['respondent'], r['scale']): r for r in csv.DictReader(open(sys.argv[3]))}
bad = 0
for k, w in want.items():
    g = got[k]
    if w is None:
        ok = g['score'] == '' and g['reason'] == 'too few answers'
    else:
        ok = abs(float(g['score']) - w) <= 1e-12 and g['se'] == '' and \
             (g['reached'] == 'cut') == (k[1] in has_cut and w >= 2.5)
    if not ok:
        bad += 1
        if bad < 5:
            print('differs', k, w, dict(g))
print(f'{len(want)} scale scores compared, {bad} differ')
sys.exit(1 if bad else 0)
PY
echo "070-ctc-template ok"
