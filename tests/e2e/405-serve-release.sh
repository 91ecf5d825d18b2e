#!/bin/sh
# 405: survey figures on the area page come from releases (issue 19). On
# the demo with three releases: the page's table, the API's JSON and
# `jamlik release show ID --format csv` carry the same numbers (the page
# rounded to one decimal); a hidden cell is words, never a number, in the
# HTML, the SVG and its titles, the CSV and the xlsx downloads; the page
# shows the latest release holding the area, or ?release=N, and says
# which.
. "$(dirname "$0")/lib.sh"
set -e
. "$(dirname "$0")/serve-lib.sh"

# The demo without its own releases: this test numbers its own.
(cd "$T" && jl --quiet demo --no-releases > /dev/null) || fail "demo"
DB="$T/demo.db"
# Nothing sensitive at the level of stadsområden, so these pass without
# secondary suppression: 1 and 2 publish everything; 3 hides every grade
# of an area (under 1000 scored), which its totals do not give away.
jl --db "$DB" release create --wave 2024 --division stadsomrade --min-count 1 > /dev/null ||
    fail "release 1"
jl --db "$DB" release create --wave 2022,2024 --division stadsomrade --min-count 1 > /dev/null ||
    fail "release 2"
jl --db "$DB" release create --wave 2024 --division stadsomrade --by grade --min-n 1000 \
    --min-count 1 > /dev/null || fail "release 3"
jl --db "$DB" --format csv release show 2 > "$T/r2.csv" || fail "release show 2"
jl --db "$DB" --format csv release show 3 > "$T/r3.csv" || fail "release show 3"

serve_start "$DB" --threads 2
U="http://127.0.0.1:$PORT"
get() { # get PATH FILE: the answer's status
    curl -s -o "$2" -w '%{http_code}' "$U$1"
}
[ "$(get /omrade/stadsomrade/1 "$T/p3.html")" = 200 ] || fail "area page"
[ "$(get '/omrade/stadsomrade/1?release=2' "$T/p2.html")" = 200 ] || fail "?release=2"
[ "$(get '/en/omrade/stadsomrade/1?release=2' "$T/p2en.html")" = 200 ] || fail "English page"
[ "$(get '/omrade/stadsomrade/1?release=99' "$T/x")" = 404 ] || fail "?release=99 is not 404"
[ "$(get '/omrade/stadsomrade/1?release=x' "$T/x")" = 400 ] || fail "?release=x is not 400"
[ "$(get '/omrade/stadsomrade/1?release=1&release=2' "$T/x")" = 400 ] || fail "two releases"
# An area no release holds: the page says so; a release without it is 404.
M=$(curl -s "$U/api/v1/divisions/mellanomrade/areas" |
    python3 -c "import json,sys;print(json.load(sys.stdin)['areas'][0]['code'])")
[ "$(get "/omrade/mellanomrade/$M" "$T/m.html")" = 200 ] || fail "a page without a release"
grep -q 'Ingen utgåva har ännu enkätsiffror' "$T/m.html" || fail "no release: not said"
[ "$(get "/omrade/mellanomrade/$M?release=2" "$T/x")" = 404 ] || fail "release 2 without the area"
[ "$(get /api/v1/releases "$T/releases.json")" = 200 ] || fail "/api/v1/releases"
[ "$(get '/api/v1/releases/2/cells?area=1' "$T/c2.json")" = 200 ] || fail "cells of 2"
[ "$(get '/api/v1/releases/3/cells?division=stadsomrade&area=1' "$T/c3.json")" = 200 ] ||
    fail "cells of 3"
[ "$(get '/api/v1/releases/9/cells' "$T/x")" = 404 ] || fail "cells of 9"
for f in profil forandring arskurs; do
    for e in csv xlsx; do
        r=2
        [ $f = arskurs ] && r=3
        [ "$(get "/omrade/stadsomrade/1/$f.$e?release=$r" "$T/$f.$e")" = 200 ] ||
            fail "download $f.$e"
    done
done
[ "$(get '/en/omrade/stadsomrade/1/profil.csv?release=2' "$T/profil-en.csv")" = 200 ] ||
    fail "English download"
[ "$(get '/omrade/stadsomrade/1/arskurs.csv?release=2' "$T/x")" = 404 ] ||
    fail "a table release 2 does not have"
[ "$(get '/omrade/stadsomrade/1/nothing.csv' "$T/x")" = 404 ] || fail "unknown table"
serve_stop

/usr/bin/python3 - "$T" <<'PY' || fail "page, API, release and downloads differ"
import csv, html, json, re, sys
import openpyxl
T = sys.argv[1]
read = lambda f: open('%s/%s' % (T, f), encoding='utf-8').read()

def rows(page, cls):
    """The rows of the page's table of class cls: scale id -> cell texts."""
    t = re.search(r'<table class="%s">(.*?)</table>' % cls, page, re.S).group(1)
    out = {}
    for scale, body in re.findall(r'<tr data-scale="([^"]*)">(.*?)</tr>', t, re.S):
        out[html.unescape(scale)] = [html.unescape(re.sub(r'<[^>]*>', '', c)).strip()
                                     for c in re.findall(r'<t[dh][^>]*>(.*?)</t[dh]>', body)]
    return out

def sv(v, d=1):
    """v as the Swedish page writes it with d decimals."""
    s = '%.*f' % (d, v)
    ip, _, fp = s.partition('.')
    neg = ip.startswith('-')
    ip = ip.lstrip('-')
    groups = []
    while len(ip) > 3:
        groups.insert(0, ip[-3:])
        ip = ip[:-3]
    groups.insert(0, ip)
    s = '\u202f'.join(groups) + (',' + fp if fp else '')
    return ('-' if neg else '') + s

# Release 2, wave 2024, area 1, headline cells of all grades: the page,
# the API and the command line's CSV.
cli = {r['scale']: r for r in csv.DictReader(open('%s/r2.csv' % T))
       if r['division'] == 'stadsomrade' and r['area'] == '1' and r['wave'] == '2024'
       and r['grade'] == 'T' and r['sex'] == 'T' and r['headline'] == '1'}
api = {c['scale']: c for c in json.load(open('%s/c2.json' % T))['cells']
       if c['wave'] == '2024' and c['grade'] == 'T' and c['sex'] == 'T' and c['headline']}
page = rows(read('p2.html'), 'profil')
assert page and set(page) <= set(api) and set(page) <= set(cli), (page.keys(), api.keys())
for s, r in page.items():
    a, c = api[s], cli[s]
    assert repr(a['pct']) == c['pct'] or float(c['pct']) == a['pct'], (s, a['pct'], c['pct'])
    assert a['n_scored'] == int(c['n_scored']), s
    assert r[2] == sv(a['pct']), (s, r[2], a['pct'])
    assert r[3] == sv(a['ci_low']) and r[4] == sv(a['ci_high']), (s, r)
    assert r[5] == sv(a['norm_pct']), (s, r[5])
    assert r[7] == sv(a['n_scored'], 0), (s, r[7])
    assert ('sämre' in r[6]) == (a['flag'] == 'worse'), (s, r[6], a['flag'])
# The change since 2022 is the release's own two waves.
prev = {c['scale']: c for c in json.load(open('%s/c2.json' % T))['cells']
        if c['wave'] == '2022' and c['grade'] == 'T' and c['sex'] == 'T' and c['headline']}
for s, r in rows(read('p2.html'), 'forandring').items():
    assert r[1] == sv(prev[s]['pct']) and r[2] == sv(api[s]['pct']), (s, r)
    assert r[3] == sv(round(api[s]['pct'], 10) - round(prev[s]['pct'], 10)) or \
        abs(float(r[3].replace(',', '.')) - (api[s]['pct'] - prev[s]['pct'])) <= 0.051, (s, r)
p2, p3 = read('p2.html'), read('p3.html')
assert 'Utgåva 2, ' in p2 and 'våg 2024' in p2, 'which release (2)'
assert 'Utgåva 3, ' in p3, 'the latest release holding the area is 3'
assert 'Syntetiska svar.' in p2, 'the synthetic label'
assert 'Dold: för få svar, eller dold för att skydda andra celler. Vilket det är sägs inte' in p3, \
    'what dold means'
assert 'Release 2, ' in read('p2en.html') and 'Risk and protective factors' in read('p2en.html')
assert 'Förändring sedan 2022' in p2, 'change where two waves'
# Release 3 holds 2024 alone: its change since 2022 takes 2022 from the
# latest release up to 3 that holds it (2), and says so.
assert 'Förändring sedan 2022' in p3 and 'kommer från utgåva 2 ' in p3, 'change across releases'
assert 'kommer från utgåva' not in p2, 'no note where the release holds both waves'
assert '<ol class="prio">' in p2, 'priorities'
rel = json.load(open('%s/releases.json' % T))['releases']
assert [(r['id'], r['waves'], r['divisions'], r['withdrawn']) for r in rel] == [
    (1, ['2024'], ['stadsomrade'], None), (2, ['2022', '2024'], ['stadsomrade'], None),
    (3, ['2024'], ['stadsomrade'], None)], rel

# Release 3 hides every grade of area 1: a word on the page ("dold",
# which rule is not said), the API's nulls and "confidential", the
# downloads' word; never a number. The page says what "dold" means.
hidden = [c for c in json.load(open('%s/c3.json' % T))['cells'] if c['status'] != 'ok']
assert hidden, 'release 3 hides cells'
for c in hidden:
    assert all(c[k] is None for k in ('n', 'n_scored', 'k', 'pct', 'ci_low', 'ci_high', 'diff'))
    assert c['reason'] == 'confidential', c
grades = rows(p3, 'arskurs')
assert grades
for s, r in grades.items():
    for cell in r[1:-1]:
        assert cell == 'dold', (s, cell)
    assert re.match(r'^\d+,\d$', r[-1]), (s, r[-1])
# No title or text of the chart says a number for a hidden cell: every
# <title> of a bar is a shown total (n = the total's count).
totals = {c['scale']: c for c in json.load(open('%s/c3.json' % T))['cells']
          if c['grade'] == 'T' and c['headline']}
svg = ''.join(re.findall(r'<svg.*?</svg>', p3, re.S))
assert svg.count('<title>') == len(grades), 'a title per bar'
for t in re.findall(r'<title>([^<]*)</title>', svg):
    m = re.search(r'n = ([\d\u202f]+)$', t)
    assert m and int(m.group(1).replace('\u202f', '')) in \
        {c['n_scored'] for c in totals.values()}, t
sheet = list(csv.reader(open('%s/arskurs.csv' % T, encoding='utf-8')))
assert sheet[0][0] == 'Faktor' and sheet[0][-1] == 'Alla årskurser, %', sheet[0]
for r in sheet[1:]:
    assert all(x == 'dold' for x in r[1:-1]) and float(r[-1]) > 0, r
wb = openpyxl.load_workbook('%s/arskurs.xlsx' % T)
vals = [row for row in wb.active.iter_rows(values_only=True)]
head = [i for i, r in enumerate(vals) if r and r[0] == 'Faktor'][0]
for r in vals[head + 1:]:
    assert all(x == 'dold' for x in r[1:-1]), r
    assert isinstance(r[-1], float) and abs(r[-1] - totals[
        [k for k, v in rows(p3, 'arskurs').items() if v[0] == r[0]][0]]['pct']) < 1e-9, r
# The profile's downloads: numbers as numbers, the release's digits.
prof = list(csv.DictReader(open('%s/profil.csv' % T, encoding='utf-8')))
wb = openpyxl.load_workbook('%s/profil.xlsx' % T)
vals = [row for row in wb.active.iter_rows(values_only=True)]
head = [i for i, r in enumerate(vals) if r and r[0] == 'Faktor'][0]
byname = {r[0]: r for r in vals[head + 1:]}
names = {v[0]: k for k, v in page.items()}
for r in prof:
    a = api[names[r['Faktor']]]
    assert float(r['Andel, %']) == a['pct'] and int(r['Svarande med poäng']) == a['n_scored'], r
    x = byname[r['Faktor']]
    # Excel keeps 15 significant digits
    assert isinstance(x[2], float) and abs(x[2] - a['pct']) < 1e-9 and x[7] == a['n_scored'], x
assert open('%s/profil-en.csv' % T, encoding='utf-8').readline().startswith('Factor,')
print('ok')
PY

# A withdrawn release is no page's default, but ?release=N still shows it
# and says it was withdrawn.
jl --db "$DB" release withdraw 3 > /dev/null || fail "withdraw 3"
serve_start "$DB"
U="http://127.0.0.1:$PORT"
[ "$(get /omrade/stadsomrade/1 "$T/w.html")" = 200 ] || fail "page after withdrawal"
grep -q 'Utgåva 2, ' "$T/w.html" || fail "the latest release not withdrawn is 2"
[ "$(get '/omrade/stadsomrade/1?release=3' "$T/w3.html")" = 200 ] || fail "?release=3"
grep -q 'Utgåvan drogs tillbaka 20' "$T/w3.html" || fail "withdrawn: not said"
# The method page says how the figures are made and lists every release,
# the withdrawn one as withdrawn, the newest first.
[ "$(get /metod "$T/m.html")" = 200 ] || fail "method page"
grep -q 'Så tas enkätsiffrorna fram' "$T/m.html" || fail "method: how"
grep -q 'Granskningen' "$T/m.html" || fail "method: the audit"
rows=$(grep -o '<tr><th scope="row">[0-9]*</th>' "$T/m.html" | grep -o '[0-9]*' | tr '\n' ' ')
[ "$rows" = "3 2 1 " ] || fail "method: releases listed as $rows"
grep -q '<tr><th scope="row">3</th>.*återkallad 20' "$T/m.html" || fail "method: 3 not withdrawn"
grep -q '<tr><th scope="row">2</th>.*<td>publicerad</td>' "$T/m.html" || fail "method: 2 not published"
serve_stop
