#!/bin/sh
# 406: the start page and the factor page (issue 19) on the demo and its
# releases. Their numbers are `jamlik --format csv release show ID`'s
# (pages rounded to one decimal; /api/v1/factors and the CSV download at
# full precision): the map's table and each area's <title>, the ranking
# and its order, the city's trend over the release's waves, the areas
# where need is greatest. A hidden cell is words in the map, its titles,
# the ranking, the API and the downloads, never a number.
. "$(dirname "$0")/lib.sh"
set -e
. "$(dirname "$0")/serve-lib.sh"

(cd "$T" && jl --quiet demo > /dev/null) || fail "demo"
DB="$T/demo.db"
jl --db "$DB" --format csv release show 2 > "$T/r2.csv" || fail "release show 2"
jl --db "$DB" --format csv indicator show utrikes_fodda_andel --division mellanomrade \
    --period 2023 > "$T/ind.csv" || fail "indicator show"

serve_start "$DB" --threads 2
U="http://127.0.0.1:$PORT"
get() { # get PATH FILE: the answer's status
    curl -s -o "$2" -w '%{http_code}' "$U$1"
}
F=/faktor/stockholmsenkaten-rise
[ "$(get '/' "$T/start.html")" = 200 ] || fail "start page"
[ "$(get '/?division=primaromrade&scale=SkolaPositiv' "$T/start-sp.html")" = 200 ] ||
    fail "start page of a factor"
[ "$(get '/en/?division=mellanomrade' "$T/start-en.html")" = 200 ] || fail "English start page"
[ "$(get '/?division=mellanomrade&indicator=utrikes_fodda_andel' "$T/start-ind.html")" = 200 ] ||
    fail "start page of an indicator"
[ "$(get '/?indicator=nothing' "$T/x")" = 404 ] || fail "an unknown indicator"
[ "$(get '/?indicator=a&indicator=b' "$T/x")" = 400 ] || fail "two indicators"
[ "$(get "$F/SkolaPositiv?division=primaromrade" "$T/sp.html")" = 200 ] || fail "factor page"
[ "$(get "$F/Utagerande?division=primaromrade&area=101&area=102" "$T/ut.html")" = 200 ] ||
    fail "factor page with areas"
[ "$(get "/en$F/Utagerande" "$T/ut-en.html")" = 200 ] || fail "English factor page"
[ "$(get "/api/v1/factors/stockholmsenkaten-rise/SkolaPositiv?division=primaromrade" \
    "$T/sp.json")" = 200 ] || fail "API"
[ "$(get "$F/SkolaPositiv/rangordning.csv?division=primaromrade&release=2" "$T/sp.csv")" = 200 ] ||
    fail "CSV download"
[ "$(get "$F/SkolaPositiv/rangordning.xlsx?division=primaromrade&release=2" "$T/sp.xlsx")" = 200 ] ||
    fail "xlsx download"
for bad in "$F/Nothing" "/faktor/other/Utagerande" "$F/Utagerande?division=nowhere" \
    "$F/Utagerande?release=99" "$F/Utagerande/other.csv" "/api/v1/factors/x/y"; do
    [ "$(get "$bad" "$T/x")" = 404 ] || fail "not 404: $bad"
done
for bad in "$F/Utagerande?division=a&division=b" "$F/Utagerande?release=x" \
    "$F/Utagerande?area=nowhere" "/?scale=" "/?release=1&release=2"; do
    [ "$(get "$bad" "$T/x")" = 400 ] || fail "not 400: $bad"
done
[ "$(get '/?scale=Nothing' "$T/x")" = 404 ] || fail "an unknown scale on the start page"
grep -q 'href="/faktor/stockholmsenkaten-rise/' "$T/start.html" || fail "start: no factor link"
[ "$(get /omrade/primaromrade/101 "$T/area.html")" = 200 ] || fail "area page"
grep -q "href=\"$F/Utagerande?division=primaromrade&amp;release=2\"" "$T/area.html" ||
    fail "the area page's factor rows do not link to the factor page"
serve_stop

/usr/bin/python3 - "$T" <<'PY' || fail "pages, API, downloads and release show differ"
import csv, html, json, re, sys
import openpyxl
T = sys.argv[1]
read = lambda f: open('%s/%s' % (T, f), encoding='utf-8').read()
REASONS = {'dold'}

def sv(v, d=1):
    s = '%.*f' % (d, v)
    ip, _, fp = s.partition('.')
    neg = ip.startswith('-')
    ip = ip.lstrip('-')
    g = []
    while len(ip) > 3:
        g.insert(0, ip[-3:])
        ip = ip[:-3]
    g.insert(0, ip)
    return ('-' if neg else '') + '\u202f'.join(g) + (',' + fp if fp else '')

def cells(text):
    return [html.unescape(re.sub(r'<[^>]*>', '', c)).strip()
            for c in re.findall(r'<t[dh][^>]*>(.*?)</t[dh]>', text, re.S)]

def table(page, cls):
    t = re.search(r'<table class="%s">(.*?)</table>' % cls, page, re.S).group(1)
    return [(html.unescape(a), cells(b))
            for a, b in re.findall(r'<tr data-area="([^"]*)">(.*?)</tr>', t, re.S)]

rows = list(csv.DictReader(open('%s/r2.csv' % T)))
def cli(div, scale, wave='2024'):
    return {r['area']: r for r in rows if r['division'] == div and r['wave'] == wave and
            r['scale'] == scale and r['grade'] == 'T' and r['sex'] == 'T' and r['headline'] == '1'}

def titles(page):
    svg = re.search(r'<figure class="map".*?</svg>', page, re.S).group(0)
    return [html.unescape(t) for t in re.findall(r'<title>([^<]*)</title>', svg)]

# The start page on SkolaPositiv in primaromrade: the map's table and
# titles against the release.
c = cli('primaromrade', 'SkolaPositiv')
hidden = {a for a, r in c.items() if r['status'] != 'ok'}
assert hidden, 'the release hides some of SkolaPositiv'
p = read('start-sp.html')
assert 'Utgåva 2, ' in p and 'våg 2024' in p and 'Syntetiska svar.' in p, 'release, synthetic'
t = table(p, 'map-data')
assert {a for a, _ in t} == set(c), 'every area of the release in the map table'
for a, r in t:
    if a in hidden:
        assert r[1] in REASONS and r[2] == '', (a, r)
    else:
        assert r[1] == sv(float(c[a]['pct'])), (a, r, c[a]['pct'])
        assert r[2] == sv(float(c[a]['ci_low'])) + '–' + sv(float(c[a]['ci_high'])), (a, r)
names = {a: r[0] for a, r in t}
ts = titles(p)
assert len(ts) == len(c), (len(ts), len(c))
for tt in ts:
    name, _, fig = tt.rpartition(': ')
    a = [k for k, v in names.items() if v == name][0]
    if a in hidden:
        assert fig in REASONS and not re.search(r'\d', fig), tt
    else:
        assert fig.startswith(sv(float(c[a]['pct'])) + ' %'), tt
assert 'skillnaderna mellan många områden är inom felmarginalen' in read('start.html')
assert '<form class="choose" method="get" action="/">' in p

# The map of an indicator: its figures as `indicator show` gives them.
ind = {r['area']: r for r in csv.DictReader(open('%s/ind.csv' % T))}
t = table(read('start-ind.html'), 'map-data')
assert {a for a, _ in t} == set(ind), 'the indicator areas'
for a, r in t:
    assert r[1] == sv(float(ind[a]['value'])) and len(r) == 2, (a, r, ind[a]['value'])
assert 'Andel utrikes födda, 2023' in read('start-ind.html')

# The areas where need is greatest: the release's flags counted.
kinds = {r['scale']: r['kind'] for r in rows}
worse, excess = {}, {}
for r in rows:
    if (r['division'] == 'primaromrade' and r['wave'] == '2024' and r['grade'] == 'T' and
            r['sex'] == 'T' and r['headline'] == '1' and r['status'] == 'ok' and
            kinds[r['scale']] in ('risk', 'protective')):
        worse.setdefault(r['area'], 0)
        excess.setdefault(r['area'], 0.0)
        if r['flag'] == 'worse':
            worse[r['area']] += 1
            excess[r['area']] += abs(float(r['diff']))
want = sorted((a for a in worse if worse[a]), key=lambda a: (-worse[a], -excess[a], a))[:10]
got = table(read('start.html'), 'need')
assert [a for a, _ in got] == want, ([a for a, _ in got], want)
assert all(int(r[1]) == worse[a] for a, r in got)

# The factor page: the ranking (a protective factor: the lowest share
# first), hidden areas last and in words, the API and the downloads.
api = json.load(open('%s/sp.json' % T))
assert api['release'] == 2 and api['wave'] == '2024' and api['kind'] == 'protective'
rk = table(read('sp.html'), 'rangordning')
assert [a for a, _ in rk] == [x['area'] for x in api['areas']]
shown = [x for x in api['areas'] if x['status'] == 'ok']
assert [x['pct'] for x in shown] == sorted(x['pct'] for x in shown), 'lowest first'
assert [x['rank'] for x in shown] == list(range(1, len(shown) + 1))
for (a, r), x in zip(rk, api['areas']):
    if a in hidden:
        assert x['status'] == 'suppressed' and x['rank'] is None
        assert all(x[k] is None for k in ('pct', 'ci_low', 'ci_high', 'n_scored'))
        assert r[0] == '' and r[2] in REASONS and all(v == '' for v in r[3:]), (a, r)
        continue
    assert float(c[a]['pct']) == x['pct'] and int(c[a]['n_scored']) == x['n_scored'], a
    assert r[0] == str(x['rank']) and r[2] == sv(x['pct']), (a, r)
    assert r[3] == sv(x['ci_low']) and r[4] == sv(x['ci_high']), (a, r)
    assert (r[6] == 'sämre än normen') == (c[a]['flag'] == 'worse'), (a, r)
sp = read('sp.html')
ts = titles(sp)
for tt in ts:
    name, _, fig = tt.rpartition(': ')
    if fig in REASONS:
        continue
    assert re.match(r'^\d+,\d %', fig), tt
assert sum(1 for tt in ts if tt.rpartition(': ')[2] in REASONS) == len(hidden)
chart = re.search(r'<figure class="chart rank">.*?</svg>', sp, re.S).group(0)
assert chart.count('<title>') == len(shown), 'a dot per shown area, none for hidden ones'
dl = list(csv.DictReader(open('%s/sp.csv' % T, encoding='utf-8')))
assert [r['Code'] if 'Code' in r else r['Kod'] for r in dl] == [x['area'] for x in api['areas']]
for r, x in zip(dl, api['areas']):
    if x['status'] != 'ok':
        assert r['Andel, %'] in REASONS and r['Rang'] == '', r
    else:
        assert float(r['Andel, %']) == x['pct'] and int(r['Rang']) == x['rank'], r
wb = openpyxl.load_workbook('%s/sp.xlsx' % T)
vals = [v for v in wb.active.iter_rows(values_only=True)]
head = [i for i, v in enumerate(vals) if v and v[0] == 'Rang'][0]
for v, x in zip(vals[head + 1:], api['areas']):
    assert v[2] == x['area']
    assert (v[3] in REASONS) if x['status'] != 'ok' else abs(v[3] - x['pct']) < 1e-9, v

# The trend: the city and the chosen areas over the release's waves.
ut = read('ut.html')
tr = re.search(r'<table class="trend">(.*?)</table>', ut, re.S).group(1)
body = re.findall(r'<tr><th scope="row">(\d+)</th>(.*?)</tr>', tr, re.S)
assert [w for w, _ in body] == ['2022', '2024'], body
for w, b in body:
    got = cells(b)
    city = cli('city', 'Utagerande', w)['city']
    assert got[0].startswith(sv(float(city['pct'])) + ' ('), (w, got)
    for i, a in enumerate(['101', '102']):
        r = cli('primaromrade', 'Utagerande', w)[a]
        assert got[i + 1] == '%s (%s–%s)' % (sv(float(r['pct'])), sv(float(r['ci_low'])),
                                            sv(float(r['ci_high']))), (w, a, got)
assert 'Over the waves' in read('ut-en.html') and 'Every area ranked' in read('ut-en.html')
print('ok')
PY
