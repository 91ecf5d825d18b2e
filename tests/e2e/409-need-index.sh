#!/bin/sh
# 409: where need is greatest on the start page (issue 19): the most
# headline factors the release flagged worse than the norm, ties broken
# by the composite index where one is built for the division (the lowest
# first), else by the points beyond the norm. On the demo (release 2,
# mellanomrade): first without an index, then with one built from an
# indicator whose values reverse the order of the excess within each tie,
# so that the index visibly decides.
. "$(dirname "$0")/lib.sh"
set -e
. "$(dirname "$0")/serve-lib.sh"

(cd "$T" && jl --quiet demo > /dev/null) || fail "demo"
DB="$T/demo.db"
jl --db "$DB" --format csv release show 2 > "$T/r2.csv" || fail "release show 2"
Q='/?division=mellanomrade'

serve_start "$DB" --threads 2
curl -s -o "$T/before.html" -w '%{http_code}' "http://127.0.0.1:$PORT$Q" | grep -q 200 ||
    fail "start page"
serve_stop

# An indicator of every area of the release's mellanomrade: the area
# with the most excess of its tie the highest value (the index turns it
# so that higher is better, and the lowest comes first: last in its tie).
/usr/bin/python3 - "$T" <<'PY' || fail "the indicator's values"
import csv, sys
T = sys.argv[1]
rows = list(csv.DictReader(open('%s/r2.csv' % T)))
kinds = {r['scale']: r['kind'] for r in rows}
excess = {}
for r in rows:
    if r['division'] != 'mellanomrade' or r['wave'] != '2024' or r['grade'] != 'T' or \
            r['sex'] != 'T' or r['headline'] != '1':
        continue
    excess.setdefault(r['area'], 0.0)
    if r['status'] == 'ok' and kinds[r['scale']] in ('risk', 'protective') and \
            r['flag'] == 'worse':
        excess[r['area']] += abs(float(r['diff']))
order = sorted(excess, key=lambda a: (excess[a], a))  # least excess first
with open('%s/needix.csv' % T, 'w') as f:
    f.write('indicator,area,period,value\n')
    for i, a in enumerate(order):
        f.write('needtest,%s,2024,%d\n' % (a, i))
PY
cat > "$T/needtest.indicators" <<'EOF'
indicator: needtest
name: Testvärde
unit: poäng
kind: index
better: higher
source: test 409
EOF
expect_status 0 jl --db "$DB" --quiet indicator define "$T/needtest.indicators"
expect_status 0 jl --db "$DB" --quiet indicator import "$T/needix.csv" --as long \
    --division mellanomrade
expect_status 0 jl --db "$DB" --quiet index build needix --division mellanomrade \
    --from needtest --period 2024
jl --db "$DB" --format csv indicator show needix --division mellanomrade --period 2024 \
    > "$T/ix.csv" || fail "indicator show needix"

serve_start "$DB" --threads 2
curl -s -o "$T/after.html" -w '%{http_code}' "http://127.0.0.1:$PORT$Q" | grep -q 200 ||
    fail "start page with an index"
serve_stop

/usr/bin/python3 - "$T" <<'PY' || fail "the order of need"
import csv, html, math, re, sys
T = sys.argv[1]
read = lambda f: open('%s/%s' % (T, f), encoding='utf-8').read()
rows = list(csv.DictReader(open('%s/r2.csv' % T)))
kinds = {r['scale']: r['kind'] for r in rows}
worse, excess = {}, {}
for r in rows:
    if (r['division'] == 'mellanomrade' and r['wave'] == '2024' and r['grade'] == 'T' and
            r['sex'] == 'T' and r['headline'] == '1' and r['status'] == 'ok' and
            kinds[r['scale']] in ('risk', 'protective')):
        worse.setdefault(r['area'], 0)
        excess.setdefault(r['area'], 0.0)
        if r['flag'] == 'worse':
            worse[r['area']] += 1
            excess[r['area']] += abs(float(r['diff']))
ix = {r['area']: float(r['value']) for r in csv.DictReader(open('%s/ix.csv' % T))
      if r['value'] not in ('', None)}
assert set(worse) <= set(ix), 'an index value for every area'

def page(f):
    t = re.search(r'<table class="need">(.*?)</table>', read(f), re.S).group(1)
    return [html.unescape(a) for a in re.findall(r'<tr data-area="([^"]*)">', t)]

flagged = [a for a in worse if worse[a]]
by_excess = sorted(flagged, key=lambda a: (-worse[a], -excess[a], a))[:10]
by_index = sorted(flagged, key=lambda a: (-worse[a], ix[a], -excess[a], a))[:10]
# a tie on the count within the list, which the index orders otherwise
assert by_excess != by_index, ('no tie that the index decides', by_excess)
ties = [w for w in set(worse[a] for a in by_index) if
        sum(1 for a in by_index if worse[a] == w) > 1]
assert ties, 'no two areas of the list tie on the count'

before, after = page('before.html'), page('after.html')
assert before == by_excess, ('without an index', before, by_excess)
assert after == by_index, ('with the index', after, by_index)
b, a = html.unescape(read('before.html')), html.unescape(read('after.html'))
assert 'Lika antal ordnas efter hur långt andelarna ligger bortom normen.' in b and \
    'sammanvägda' not in b, 'the note without an index'
assert 'Lika antal ordnas efter det sammanvägda indexet needix, det lägsta först.' in a, \
    'the note names the index'
print('ok')
PY
