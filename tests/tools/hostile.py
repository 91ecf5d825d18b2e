#!/usr/bin/python3
"""Hostile text through every route of jamlik serve (tests/e2e/401-serve-hostile.sh).

Usage: hostile.py PORT

The database behind PORT holds areas, divisions and an indicator whose
names and codes are <script>, quotes, template syntax, a right-to-left
override and invalid UTF-8 (tests/e2e/401-serve-hostile.sh makes it). Every
route is fetched in both languages, with hostile query parameters too, and
every answer is checked: valid UTF-8, no markup from the data, every link
a clean URL, JSON that parses and gives the text back as stored.
"""
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

PORT = int(sys.argv[1])
BASE = 'http://127.0.0.1:%d' % PORT
failures = []

TOP = ['T1', 'q"\'<>&x', 'T3']
SUB = ['S1', 'S2', 'S3']
NAMES = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
         '{{7*7}}${7*7}\u202eevil', "'single' & \"double\"", 'javascript:alert(1)',
         '<script>div</script>', 'sub "\'<b>', '<script>ind</script> "x"',
         '"\'><svg onload=alert(1)>', '<iframe src=javascript:alert(1)>']
# Markup that only the data could have put there: the pages have no script.
BAD = re.compile(rb'<\s*/?\s*(script|img|iframe|b|u)\b|<\?', re.I)
# The pages' own charts and maps are the only SVG: each opens as
# <svg ... viewBox="0 0 W H" ...>, which no hostile name can make.
SVG = re.compile(rb'<\s*svg\b(?![^<>]*\sviewBox="0 0 [\d. ]+")', re.I)
TAG = re.compile(rb'<[^>]*>')
EVENT = re.compile(rb'\son\w+\s*=|javascript:', re.I)
HREF = re.compile(rb'\bhref="([^"]*)"')
CLEAN_URL = re.compile(rb'^(#main|[A-Za-z0-9/%._~?&=+-]*)$')


def get(path):
    try:
        with urllib.request.urlopen(BASE + path, timeout=20) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def q(s):
    return urllib.parse.quote(s, safe='')


def check_page(path, body, headers, status):
    if 'Content-Security-Policy' not in headers:
        failures.append('%s: no CSP' % path)
    try:
        text = body.decode('utf-8')
    except UnicodeDecodeError as e:
        failures.append('%s: not UTF-8: %s' % (path, e))
        return ''
    m = BAD.search(body) or SVG.search(body)
    if m:
        failures.append('%s: unescaped markup %r' % (path, body[max(0, m.start() - 60):m.end() + 60]))
    for t in TAG.findall(body):
        if EVENT.search(t):
            failures.append('%s: an event handler or script URL in a tag: %r' % (path, t))
    for h in HREF.findall(body):
        if not CLEAN_URL.match(h.replace(b'&amp;', b'&')):
            failures.append('%s: link not a clean URL: %r' % (path, h))
    for n in NAMES:
        if n in text and any(c in n for c in '<>"\''):
            failures.append('%s: %r unescaped' % (path, n))
    return text


def check_json(path, body):
    if re.search(rb'[<>]', body):
        failures.append('%s: raw < or > in JSON' % path)
    try:
        return json.loads(body.decode('utf-8'))
    except (UnicodeDecodeError, ValueError) as e:
        failures.append('%s: JSON does not parse: %s' % (path, e))
        return None


pages = ['/', '/metod']
for d, codes in (('top', TOP), ('sub', SUB)):
    for c in codes:
        pages.append('/omrade/%s/%s' % (d, q(c)))
F = '/faktor/stockholmsenkaten-rise/Utagerande'
pages += ['/?division=top', F + '?division=top', F + '?division=top&area=' + q(TOP[1])]
# Hostile query parameters: kept, encoded, by the language switch.
# The indicator and segregation pages, with hostile parameters too.
pages += ['/indikator/hostile_ind', '/indikator/hostile_ind?division=top',
          '/indikator/hostile_ind?division=top&area=%s&area=%%3Cscript%%3E' % q(TOP[1]),
          '/indikator/hostile_ind?division=top&period=2023&x=%22%3E%3Cb%3E',
          '/segregation', '/segregation?x=%3Cscript%3E']
pages += ['/?x=%3Cscript%3Ealert(1)%3C%2Fscript%3E', '/metod?a=%22%3E%3Cimg+src%3Dx%3E&b=%27',
          '/omrade/top/T1?q=javascript%3Aalert(1)&%3Csvg%3E=1']
seen = {}
for p in pages:
    for lang in ('', '/en'):
        path = lang + p
        st, h, body = get(path)
        if st != 200:
            failures.append('%s: status %d' % (path, st))
        seen[path] = check_page(path, body, h, st)

start = seen['/']
for want in ['&lt;script&gt;alert(1)&lt;/script&gt;', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
             '&lt;script&gt;div&lt;/script&gt;', '\ufffd']:
    if want not in start:
        failures.append('start page lacks %r' % want)
if 'href="/omrade/top/q%22%27%3C%3E%26x"' not in start:
    failures.append('start page lacks the encoded link to the quoted code')
area = seen['/omrade/top/T1']
for want in ['&lt;script&gt;ind&lt;/script&gt; &quot;x&quot;', '&lt;iframe src=javascript:alert(1)&gt;',
             'href="/omrade/sub/S1"']:
    if want not in area:
        failures.append('area page lacks %r' % want)
if '&lt;svg onload=alert(1)&gt;' not in seen['/en/omrade/top/T1']:
    failures.append('English area page lacks the English name, escaped')
if 'href="/en/?x=%3Cscript%3Ealert%281%29%3C%2Fscript%3E"' not in seen['/?x=%3Cscript%3Ealert(1)%3C%2Fscript%3E']:
    failures.append('language switch does not keep the query, encoded')

fac = seen[F + '?division=top']
for want in ['&lt;script&gt;alert(1)&lt;/script&gt;', 'href="/omrade/top/q%22%27%3C%3E%26x"',
             '<figure class="map"']:
    if want not in fac or want not in seen['/?division=top']:
        failures.append('factor or start page lacks %r' % want)
if '<table class="rangordning">' not in fac:
    failures.append('factor page lacks its ranking')
if '<th scope="col">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</th>' not in \
        seen[F + '?division=top&area=' + q(TOP[1])]:
    failures.append('the trend lacks the chosen area, escaped')
st, h, body = get('/api/v1/factors/stockholmsenkaten-rise/Utagerande?division=top')
f = check_json('factors', body)
if not f or {x['area'] for x in f['areas']} != set(TOP) or \
        '<script>alert(1)</script>' not in {x['name'] for x in f['areas']}:
    failures.append('factors: %r' % body[:300])
st, h, body = get(F + '/rangordning.csv?division=top')
if st != 200 or '"q""\'<>&x"'.encode() not in body:
    failures.append('ranking CSV: %d %r' % (st, body[:300]))

# The API gives the text back exactly (invalid bytes as U+FFFD).
st, h, body = get('/api/v1/divisions')
d = check_json('/api/v1/divisions', body)
if d and {x['name'] for x in d['divisions']} != {'<script>div</script>', 'sub "\'<b>'}:
    failures.append('divisions: %r' % d)
for div in ('top', 'sub'):
    st, h, body = get('/api/v1/divisions/%s/areas' % div)
    a = check_json(div, body)
    if a and div == 'top':
        names = {x['code']: x['name'] for x in a['areas']}
        if names.get('q"\'<>&x') != '"><img src=x onerror=alert(1)>' or \
                not names.get('T3', '').startswith('<\ufffd(>'):
            failures.append('areas of top: %r' % names)
st, h, body = get('/api/v1/indicators')
i = check_json('indicators', body)
if i and i['indicators'][0]['name_en'] != '"\'><svg onload=alert(1)>':
    failures.append('indicators: %r' % i)
st, h, body = get('/api/v1/indicators/hostile_ind?division=top')
i = check_json('indicator', body)
if st != 200 or not i or {x['code'] for x in i['indicator']['areas']} != set(TOP):
    failures.append('indicator: %d %r' % (st, body[:300]))
# Hostile values of parameters: refused or not found, always JSON, never echoed raw.
for path in ['/api/v1/indicators/hostile_ind?division=%3Cscript%3E',
             '/api/v1/indicators/%3Cscript%3E', '/api/v1/divisions/%22%3E%3Cb%3E/areas',
             '/api/v1/indicators/hostile_ind?period=%27%20OR%20%271%27=%271',
             '/api/v1/indicators/hostile_ind?division=top&division=sub',
             '/api/v1/indicators?lang=%3Cx%3E',
             '/api/v1/clusters?indicator=%3Cscript%3E&division=top',
             '/api/v1/clusters?indicator=hostile_ind&division=%22%3E%3Cb%3E',
             '/api/v1/clusters?indicator=hostile_ind&division=top&weights=%3Cb%3E']:
    st, h, body = get(path)
    if st not in (400, 404):
        failures.append('%s: status %d' % (path, st))
    check_json(path, body)
# The clusters of the hostile indicator: refused or answered, always JSON,
# the names given back as stored.
st, h, body = get('/api/v1/clusters?indicator=hostile_ind&division=top&permutations=9')
c = check_json('clusters', body)
if st not in (200, 400) or not c:
    failures.append('clusters: %d %r' % (st, body[:300]))
# Hostile names of the pages' parameters: not found or refused, escaped.
for path in ['/indikator/%3Cscript%3E', '/indikator/hostile_ind?division=%3Cscript%3E',
             '/segregation?groups=%3Cscript%3E,%22%3E', '/segregation?division=%3Cscript%3E',
             '/segregation?focal=%3Cscript%3E', '/segregation?reference=%22%3E%3Cb%3E',
             '/segregation?indicator=%3Cscript%3E', '/segregation?focal=a-%22%3E%3Cb%3E',
             '/indikator/hostile_ind/%3Cscript%3E.csv']:
    st, h, body = get(path)
    if st not in (400, 404):
        failures.append('%s: status %d' % (path, st))
    check_page(path, body, h, st)
# A table of the page, downloaded: the hostile names as text.
st, h, body = get('/indikator/hostile_ind/rangordning.csv?division=top')
if st != 200 or '<script>alert(1)</script>' not in body.decode('utf-8', 'replace'):
    failures.append('ranking CSV: %d %r' % (st, body[:200]))
area = seen['/omrade/top/T1']
if 'href="/indikator/hostile_ind?division=top"' not in area:
    failures.append('area page lacks the link to the indicator page')
ind = seen['/indikator/hostile_ind?division=top']
if '&lt;script&gt;ind&lt;/script&gt; &quot;x&quot;' not in ind or \
        '&lt;iframe src=javascript:alert(1)&gt;' not in ind:
    failures.append('indicator page lacks the escaped name or source')
# Invalid UTF-8 and NUL in the target: 400 as an HTML page.
for path in ['/omrade/top/%C3%28', '/?x=%C0%AF', '/?x=%00', '/omrade/%ED%A0%80/T1']:
    st, h, body = get(path)
    if st != 400:
        failures.append('%s: status %d, want 400' % (path, st))
    check_page(path, body, h, st)

for f in failures:
    print('FAIL:', f, file=sys.stderr)
print('%d pages and answers checked, %d failures' % (len(seen) + 16, len(failures)))
sys.exit(1 if failures else 0)
