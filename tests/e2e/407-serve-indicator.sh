#!/bin/sh
# 407: the indicator page, the segregation page and /api/v1/clusters on
# the demo database say the command line's numbers: the page's ranking
# (one decimal) and its CSV (full precision) against `indicator show`,
# the trend against the API per period, the concentration curve and
# index against `indicator inequality`, the indices over time against
# `segregation`, and the clusters (page and API) against `autocorr` with
# the same parameters; the clusters are the same on every call; unknown
# indicators and divisions are 404, bad parameters 400 (JSON for the API);
# on the segregation page an unknown group or indicator is 400 (e2e 410).
. "$(dirname "$0")/lib.sh"
set -e
. "$(dirname "$0")/serve-lib.sh"

(cd "$T" && jl --quiet demo --no-releases > /dev/null) || fail "demo"
DB="$T/demo.db"
expect_status 0 jl --db "$DB" --format csv indicator show utrikes_fodda_andel \
    --division mellanomrade --period 2023
cp "$T/out" "$T/show.csv"
expect_status 0 jl --db "$DB" --format csv indicator inequality utrikes_fodda_andel \
    --division mellanomrade --period 2023 --curve
cp "$T/out" "$T/curve.csv"
expect_status 0 jl --db "$DB" --format csv indicator inequality utrikes_fodda_andel \
    --division mellanomrade --period 2023
cp "$T/out" "$T/ineq.csv"
expect_status 0 jl --db "$DB" --format csv segregation indicators@2020,2021,2022,2023 \
    --groups folkmangd-fodda_sverige,fodda_sverige --division regso2025 --weights queen
cp "$T/out" "$T/seg.csv"
expect_status 0 jl --db "$DB" --quiet --format csv autocorr indicator:utrikes_fodda_andel@2023 \
    --division regso2025 --weights queen --permutations 999
cp "$T/out" "$T/ac.csv"
expect_status 0 jl --db "$DB" --quiet --format csv autocorr indicator:utrikes_fodda_andel@2022 \
    --division mellanomrade --weights rook --permutations 199 --seed 7 --adjust bonferroni
cp "$T/out" "$T/ac2.csv"

printf 'indicator: later\nname: Senare\nunit: st\nkind: count\nbetter: none\nsource: test\n' \
    > "$T/later.indicators"
expect_status 0 jl --db "$DB" indicator define "$T/later.indicators"

serve_start "$DB" --threads 2
python3 - "$PORT" "$T" <<'PY' || fail "pages and API against the command line"
import csv, html, io, json, re, sys, urllib.error, urllib.request
port, t = sys.argv[1], sys.argv[2]
base = 'http://127.0.0.1:%s' % port

def get(path):
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            return r.status, r.headers.get('Content-Type', ''), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get('Content-Type', ''), e.read()

def rows(path):
    return list(csv.DictReader(open(path, encoding='utf-8')))

def sv1(x):  # one decimal in Swedish form
    return ('%.1f' % float(x)).replace('.', ',').replace('-', '\u2212')

def close(a, b):
    return abs(float(a) - float(b)) <= 1e-12 * max(1.0, abs(float(b)))

# The ranking: the page (one decimal) and its CSV (full precision).
q = '/indikator/utrikes_fodda_andel?division=mellanomrade&period=2023'
st, ty, body = get(q)
assert st == 200 and ty.startswith('text/html'), st
page = body.decode()
show = {r['area']: r for r in rows(t + '/show.csv') if r['value']}
ranked = re.findall(r'<tr><th scope="row"><a href="/omrade/mellanomrade/([^"]+)">[^<]*</a></th>'
                    r'<td>[^<]*</td><td class="num">([^<]*)</td>', page)
assert len(ranked) == len(show) == 36, (len(ranked), len(show))
vals = [float(show[c]['value']) for c, _ in ranked]
assert vals == sorted(vals, reverse=True), 'not highest first'
for code, shown in ranked:
    assert html.unescape(shown) == sv1(show[code]['value']), (code, shown, show[code]['value'])
for c in ('Källa:', 'Licens:', 'uppskattat', 'Ladda ner tabellen', 'Koncentrationsindex är 0,31'):
    assert c in page, c
# The map above the ranking: every area a link whose title is its figure.
assert 'id="imap"' in page
titles = dict(re.findall(r'<a href="/omrade/mellanomrade/([^"]+)"><title>[^<]*: ([^<]*)</title>',
                         page))
assert len(titles) == 36, len(titles)
for code, shown in ranked:
    assert html.unescape(titles[code]) == sv1(show[code]['value']) + ' %', (code, titles[code])
st, ty, body = get('/indikator/utrikes_fodda_andel/rangordning.csv?division=mellanomrade&period=2023')
assert st == 200 and ty.startswith('text/csv'), (st, ty)
dl = list(csv.reader(io.StringIO(body.decode())))
assert dl[0][:3] == ['Område', 'Kod', 'Värde (%)'], dl[0]
assert {r[1]: float(r[2]) for r in dl[1:]} == {c: float(r['value']) for c, r in show.items()}
st, ty, body = get('/indikator/utrikes_fodda_andel/rangordning.xlsx?division=mellanomrade')
assert st == 200 and body[:2] == b'PK', st

# The trend: each chosen area's value per period is the API's.
st, ty, body = get('/indikator/utrikes_fodda_andel/trend.csv?division=mellanomrade&area=71&area=10')
trend = list(csv.reader(io.StringIO(body.decode())))
assert trend[0] == ['Period', 'Staden', 'Backa', 'Östra Angered'], trend[0]
for r in trend[1:]:
    api = json.loads(get('/api/v1/indicators/utrikes_fodda_andel?division=mellanomrade&period='
                         + r[0])[2])['indicator']
    got = {a['code']: a['value'] for a in api['areas']}
    assert close(r[1], api['city']) and close(r[2], got['71']) and close(r[3], got['10']), r

# The concentration curve and its index.
st, ty, body = get('/indikator/utrikes_fodda_andel/koncentration.csv?division=mellanomrade&period=2023')
cur = list(csv.reader(io.StringIO(body.decode())))[1:]
cli = rows(t + '/curve.csv')
assert len(cur) == len(cli) == 37
assert all(close(a[0], b['population_share']) and close(a[1], b['value_share'])
           for a, b in zip(cur, cli))
ci = [r for r in csv.reader(open(t + '/ineq.csv')) if r[0] == 'concentration_index'][0][1]
assert ('Koncentrationsindex är %s.' % ('%.2f' % float(ci)).replace('.', ',')) in page, ci

# An indicator that does not resolve in the division (a share cannot be
# moved): a page that says why, with the choice of another division.
st, ty, body = get('/indikator/lag_ekonomisk_standard_pct?division=regso2025')
assert st == 200 and 'Indikatorn kan inte visas i den här indelningen' in body.decode(), st
assert '<select id="division" name="division">' in body.decode()

# One with no figures at all: its page says so.
st, ty, body = get('/indikator/later')
assert st == 200 and 'Inga siffror för den har importerats' in body.decode(), st

# English under /en/.
st, ty, body = get('/en' + q)
assert st == 200 and 'The areas ranked' in body.decode() and 'lang="en"' in body.decode()

# The segregation page: its indices are the command line's.
st, ty, body = get('/segregation')
assert st == 200, st
seg = body.decode()
st, ty, body = get('/segregation/index.csv')
idx = list(csv.DictReader(io.StringIO(body.decode())))
cli = rows(t + '/seg.csv')
assert [r['Period'] for r in idx] == [r['period'] for r in cli] == ['2020', '2021', '2022', '2023']
for a, b in zip(idx, cli):
    for k, l in (('Olikhetsindex (D)', 'dissimilarity'), ('Isolering (xPx)', 'isolation'),
                 ('Theils H', 'theil_h'), ('Morrills D', 'morrill_d')):
        assert close(a[k], b[l]), (k, a[k], b[l])

# The clusters: the page's, the API's and the command line's.
names = {'High-High': 'high_high', 'Low-Low': 'low_low', 'High-Low': 'high_low',
         'Low-High': 'low_high', 'not_significant': 'not_significant'}
def same(api, path, adj):
    cli = {r['area']: r for r in rows(path)}
    assert len(api['areas']) == len(cli), (len(api['areas']), len(cli))
    for a in api['areas']:
        r = cli[a['code']]
        assert a['cluster'] == names[r['cluster']], (a, r['cluster'])
        assert close(a['value'], r['value']) and close(a['p'], r['p_folded'])
        assert close(a['p_adjusted'], r[adj]), (a, r[adj])
cq = '/api/v1/clusters?indicator=utrikes_fodda_andel&division=regso2025&period=2023'
st, ty, body = get(cq)
assert st == 200 and ty.startswith('application/json'), (st, body[:200])
api = json.loads(body)['clusters']
same(api, t + '/ac.csv', 'p_fdr')
assert api['permutations'] == 999 and api['seed'] == 1 and api['weights'] == 'queen'
# The same question asked otherwise (a new cache key): the same answer.
st, ty, body2 = get(cq + '&seed=1&permutations=999&adjust=fdr&weights=queen&alpha=0.05')
assert json.loads(body2)['clusters']['areas'] == api['areas']
st, ty, body = get('/api/v1/clusters?indicator=utrikes_fodda_andel&division=mellanomrade'
                   '&period=2022&weights=rook&permutations=199&seed=7&adjust=bonferroni')
same(json.loads(body)['clusters'], t + '/ac2.csv', 'p_bonferroni')
hh = sum(a['cluster'] == 'high_high' for a in api['areas'])
assert ('%d områden högt bland höga' % hh) in seg, hh
st, ty, body = get('/segregation/kluster.csv')
kl = list(csv.DictReader(io.StringIO(body.decode())))
words = {'high_high': 'högt bland höga', 'low_low': 'lågt bland låga',
         'not_significant': 'inte signifikant'}
assert [(r['Kod'], r['Kluster']) for r in kl] == [(a['code'], words[a['cluster']])
                                                   for a in api['areas']]
assert 'href="/omrade/regso2025/1480R001"' in seg
# The cluster map: each area's title says its cluster as the API does.
assert 'id="cmap"' in seg
ct = dict(re.findall(r'<a href="/omrade/regso2025/([^"]+)"><title>[^<:]*: ([^<,]*)', seg))
assert len(ct) == len(api['areas']), (len(ct), len(api['areas']))
for a in api['areas']:
    assert html.unescape(ct[a['code']]) == words[a['cluster']], (a['code'], ct[a['code']])

# Errors: unknown is 404, malformed is 400; the API's as JSON.
for path, want in [('/indikator/nope', 404), ('/indikator/utrikes_fodda_andel?division=nope', 404),
                   ('/indikator/utrikes_fodda_andel?division=a&division=b', 400),
                   ('/indikator/utrikes_fodda_andel?period=', 400),
                   ('/indikator/utrikes_fodda_andel?area=' + 'x' * 300, 400),
                   ('/indikator/utrikes_fodda_andel/nope.csv', 404),
                   ('/indikator/utrikes_fodda_andel/trend.pdf', 404),
                   ('/en/indikator/nope', 404), ('/segregation?division=nope', 404),
                   ('/segregation?groups=folkmangd', 400),
                   ('/segregation?groups=nope,fodda_sverige', 400),
                   ('/segregation?indicator=nope', 400), ('/segregation?permutations=0', 400),
                   ('/segregation/nope.csv', 404)]:
    st, ty, body = get(path)
    assert st == want and ty.startswith('text/html'), (path, st, want)
for path, want in [('/api/v1/clusters?indicator=nope&division=regso2025', 404),
                   ('/api/v1/clusters?indicator=utrikes_fodda_andel&division=nope', 404),
                   ('/api/v1/clusters?indicator=utrikes_fodda_andel', 400),
                   ('/api/v1/clusters?division=regso2025', 400),
                   ('/api/v1/clusters?indicator=utrikes_fodda_andel&division=regso2025'
                    '&permutations=0', 400),
                   ('/api/v1/clusters?indicator=utrikes_fodda_andel&division=regso2025'
                    '&permutations=100000', 400),
                   ('/api/v1/clusters?indicator=utrikes_fodda_andel&division=regso2025&alpha=1', 400),
                   ('/api/v1/clusters?indicator=utrikes_fodda_andel&division=regso2025&adjust=x', 400),
                   ('/api/v1/clusters?indicator=utrikes_fodda_andel&division=regso2025&weights=band:9', 400),
                   ('/api/v1/clusters?indicator=utrikes_fodda_andel%40x&division=regso2025', 400),
                   ('/api/v1/clusters?indicator=utrikes_fodda_andel&division=regso2025&seed=1&seed=2', 400)]:
    st, ty, body = get(path)
    assert st == want and ty.startswith('application/json'), (path, st, want)
    err = json.loads(body)['error']
    assert err['status'] == want and err['message'], err
print('ok')
PY
serve_stop
