#!/bin/sh
# 410: the segregation page's groups and indicator chosen (issue 19):
# ?focal= and ?reference= (or ?groups=A,B) and ?indicator=, by a GET form
# without script whose fields list what the database holds, the defaults
# (SCB's born abroad against born in Sweden, the share born abroad)
# selected when nothing is asked. Chosen groups give the command line's
# `segregation` indices, a chosen indicator `autocorr`'s clusters; a
# group or indicator the database does not hold is 400: the page with
# the form and the words beside the field, never a number.
. "$(dirname "$0")/lib.sh"
set -e
. "$(dirname "$0")/serve-lib.sh"

(cd "$T" && jl --quiet demo --no-releases > /dev/null) || fail "demo"
DB="$T/demo.db"
expect_status 0 jl --db "$DB" --format csv segregation indicators@2020,2021,2022,2023 \
    --groups lgh_hyresratt,lgh_bostadsratt --division regso2025 --weights queen
cp "$T/out" "$T/seg.csv"
expect_status 0 jl --db "$DB" --quiet --format csv autocorr \
    indicator:medel_loneinkomst_tkr@2023 --division regso2025 --weights queen \
    --permutations 999
cp "$T/out" "$T/ac.csv"

serve_start "$DB" --threads 2
python3 - "$PORT" "$T" <<'PY' || fail "the segregation page's choices"
import csv, html, io, re, sys, urllib.error, urllib.request
port, t = sys.argv[1], sys.argv[2]
base = 'http://127.0.0.1:%s' % port

def get(path):
    try:
        with urllib.request.urlopen(base + path, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()

def close(a, b):
    return abs(float(a) - float(b)) <= 1e-12 * max(1.0, abs(float(b)))

def form(page):
    f = re.search(r'<form class="choice seg" method="get" action="">(.*?)</form>', page, re.S)
    assert f, 'no form'
    return f.group(1)

def selected(page, name):
    sel = re.search(r'<select id="sg-%s" name="%s"[^>]*>(.*?)</select>' % (name, name),
                    form(page), re.S).group(1)
    return [html.unescape(v) for v in re.findall(r'<option value="([^"]*)" selected>', sel)]

def options(page, name):
    sel = re.search(r'<select id="sg-%s" name="%s"[^>]*>(.*?)</select>' % (name, name),
                    form(page), re.S).group(1)
    return [html.unescape(v) for v in re.findall(r'<option value="([^"]*)"', sel)]

# The defaults, selected in the form; the groups' choices are the counts.
st, p = get('/segregation')
assert st == 200, st
assert selected(p, 'focal') == ['folkmangd-fodda_sverige'], selected(p, 'focal')
assert selected(p, 'reference') == ['fodda_sverige']
assert selected(p, 'indicator') == ['utrikes_fodda_andel']
counts = ['fodda_sverige', 'folkmangd', 'lgh_aganderatt', 'lgh_bostadsratt', 'lgh_hyresratt',
          'lgh_upplatelseform_saknas', 'unga_15_19']
assert options(p, 'focal') == ['folkmangd-fodda_sverige'] + counts, options(p, 'focal')
assert options(p, 'reference') == counts, options(p, 'reference')
assert 'lag_ekonomisk_standard_pct' in options(p, 'indicator')
assert 'aria-invalid' not in p and 'field-err' not in p

# Chosen groups and indicator: the command line's numbers.
q = ('/segregation?division=regso2025&focal=lgh_hyresratt&reference=lgh_bostadsratt'
     '&indicator=medel_loneinkomst_tkr')
st, p = get(q)
assert st == 200, st
assert selected(p, 'focal') == ['lgh_hyresratt'] and selected(p, 'reference') == ['lgh_bostadsratt']
assert selected(p, 'indicator') == ["medel_loneinkomst_tkr"]
assert selected(p, 'division') == ['regso2025']
assert 'Hyresrättslägenheter (fokusgruppen) mot Bostadsrättslägenheter' in html.unescape(p), \
    'the groups in words'
st, body = get(q.replace('/segregation?', '/segregation/index.csv?'))
assert st == 200, st
idx = list(csv.DictReader(io.StringIO(body)))
cli = list(csv.DictReader(open(t + '/seg.csv', encoding='utf-8')))
assert [r['Period'] for r in idx] == [r['period'] for r in cli], (idx, cli)
for a, b in zip(idx, cli):
    for k, l in (('Olikhetsindex (D)', 'dissimilarity'), ('Isolering (xPx)', 'isolation'),
                 ('Theils H', 'theil_h'), ('Morrills D', 'morrill_d')):
        assert close(a[k], b[l]), (k, a[k], b[l])
# ?groups=A,B is the same question
st, body2 = get('/segregation/index.csv?division=regso2025&groups=lgh_hyresratt,lgh_bostadsratt'
                '&indicator=medel_loneinkomst_tkr')
assert st == 200 and body2 == body
st, body = get(q.replace('/segregation?', '/segregation/kluster.csv?'))
kl = list(csv.DictReader(io.StringIO(body)))
names = {'High-High': 'högt bland höga', 'Low-Low': 'lågt bland låga',
         'High-Low': 'högt bland låga', 'Low-High': 'lågt bland höga',
         'not_significant': 'inte signifikant'}
ac = {r['area']: r for r in csv.DictReader(open(t + '/ac.csv', encoding='utf-8'))}
assert len(kl) == len(ac) and kl, (len(kl), len(ac))
for r in kl:
    assert r['Kluster'] == names[ac[r['Kod']]['cluster']], (r, ac[r['Kod']]['cluster'])
    assert close(r['Värde'], ac[r['Kod']]['value'])

# What the database does not hold: 400, the form, the words beside the
# field; nothing computed.
for path, field, word in [
        ('/segregation?focal=nope', 'focal', 'nope är inte en indikator med antal i databasen'),
        ('/segregation?reference=utrikes_fodda_andel', 'reference',
         'utrikes_fodda_andel är inte en indikator med antal i databasen'),
        ('/segregation?focal=folkmangd-nope', 'focal',
         'nope är inte en indikator med antal i databasen'),
        ('/segregation?groups=nope,fodda_sverige', 'focal',
         'nope är inte en indikator med antal i databasen'),
        ('/segregation?indicator=nope', 'indicator', 'nope är inte en indikator i databasen'),
        ('/en/segregation?indicator=nope', 'indicator', 'nope is not an indicator in the database')]:
    st, p = get(path)
    assert st == 400, (path, st)
    f = form(p)
    m = re.search(r'<select id="sg-%s" name="%s" aria-invalid="true" '
                  r'aria-describedby="sg-%s-err">.*?</select> <span class="field-err" '
                  r'id="sg-%s-err">([^<]*)</span>' % (field, field, field, field), f, re.S)
    assert m and html.unescape(m.group(1)) == word, (path, m and m.group(1))
    assert f.count('aria-invalid') == 1, path
    assert 'id="index"' not in p and 'id="kluster"' not in p, 'no figures with a bad field'
# Malformed: 400 as before; an unknown division 404.
for path, want in [('/segregation?focal=a&focal=b', 400), ('/segregation?focal=', 400),
                   ('/segregation?groups=a,b&focal=c', 400), ('/segregation?division=nope', 404),
                   ('/segregation/index.csv?focal=nope', 400)]:
    st, p = get(path)
    assert st == want, (path, st, want)
print('ok')
PY
serve_stop
