#!/bin/sh
# 408: the factor page's trend over waves across releases (issue 19). The
# demo's answers with releases that each hold one wave: 1 = 2022, 2 =
# 2024, 3 = both (withdrawn), 4 = 2022 again. Each wave's point comes from
# the latest release not withdrawn, at or before the one shown, that
# holds it: the page's trend table against `jamlik --format csv release
# show ID` of that release, and the release named in its last column.
. "$(dirname "$0")/lib.sh"
set -e
. "$(dirname "$0")/serve-lib.sh"

(cd "$T" && jl --quiet demo --no-releases > /dev/null) || fail "demo"
DB="$T/demo.db"
for w in 2022 2024 2022,2024 2022; do
    jl --db "$DB" --quiet release create --wave $w --division primaromrade > /dev/null ||
        fail "release create $w"
done
jl --db "$DB" --quiet release withdraw 3 > /dev/null || fail "release withdraw"
for r in 1 2 3 4; do
    jl --db "$DB" --format csv release show $r > "$T/r$r.csv" || fail "release show $r"
done

serve_start "$DB" --threads 2
U="http://127.0.0.1:$PORT"
get() { # get PATH FILE: the answer's status
    curl -s -o "$2" -w '%{http_code}' "$U$1"
}
F=/faktor/stockholmsenkaten-rise/Utagerande
Q='division=primaromrade&area=101&area=102'
[ "$(get "$F?$Q" "$T/latest.html")" = 200 ] || fail "factor page"
[ "$(get "$F?$Q&release=2" "$T/r2.html")" = 200 ] || fail "factor page of release 2"
[ "$(get "$F?$Q&release=1" "$T/r1.html")" = 200 ] || fail "factor page of release 1"
[ "$(get "$F?$Q&release=3" "$T/r3.html")" = 200 ] || fail "factor page of release 3"
[ "$(get "/en$F?$Q&release=2" "$T/r2-en.html")" = 200 ] || fail "English factor page"
# The area page's change since the wave before: from release 1 when 2 is
# shown; none when 1 is.
A=/omrade/primaromrade/101
[ "$(get "$A?release=2" "$T/a2.html")" = 200 ] || fail "area page of release 2"
[ "$(get "$A/forandring.csv?release=2" "$T/a2.csv")" = 200 ] || fail "change download"
[ "$(get "$A?release=1" "$T/a1.html")" = 200 ] || fail "area page of release 1"
[ "$(get "$A/forandring.csv?release=1" "$T/x")" = 404 ] || fail "change download of release 1"
serve_stop

/usr/bin/python3 - "$T" <<'PY' || fail "the trend's waves and releases"
import csv, html, re, sys
T = sys.argv[1]
read = lambda f: open('%s/%s' % (T, f), encoding='utf-8').read()
REASONS = {'dold'}

def num(v, en):
    s = '%.1f' % v
    return s if en else s.replace('.', ',')

def cells(text):
    return [html.unescape(re.sub(r'<[^>]*>', '', c)).strip()
            for c in re.findall(r'<t[dh][^>]*>(.*?)</t[dh]>', text, re.S)]

rel = {r: list(csv.DictReader(open('%s/r%d.csv' % (T, r)))) for r in (1, 2, 3, 4)}
created = {}
for r in rel:
    waves = sorted({x['wave'] for x in rel[r]})
    assert waves == {1: ['2022'], 2: ['2024'], 3: ['2022', '2024'], 4: ['2022']}[r], (r, waves)

def cell(r, div, area, wave):
    m = [x for x in rel[r] if x['division'] == div and x['area'] == area and
         x['wave'] == wave and x['scale'] == 'Utagerande' and x['grade'] == 'T' and
         x['sex'] == 'T' and x['headline'] == '1']
    assert len(m) == 1, (r, div, area, wave, len(m))
    return m[0]

def check(page, want):
    """want: [(wave, release)] in the table's order."""
    p = read(page)
    en = page.endswith('-en.html')
    tr = re.search(r'<table class="trend">(.*?)</table>', p, re.S).group(1)
    head = cells(re.search(r'<thead>(.*?)</thead>', tr, re.S).group(1))
    assert head[-1] in ('Ur utgåva', 'From release'), head
    body = re.findall(r'<tr><th scope="row">(\d+)</th>(.*?)</tr>', tr, re.S)
    assert [(w, int(cells(b)[-1].split(' ')[0])) for w, b in body] == want, (page, body)
    for w, b in body:
        got = cells(b)
        r = int(got[-1].split(' ')[0])
        assert re.match(r'^\d+ \(\d{4}-\d\d-\d\d\)$', got[-1]), got[-1]
        for i, (div, area) in enumerate([('city', 'city'), ('primaromrade', '101'),
                                         ('primaromrade', '102')]):
            c = cell(r, div, area, w)
            if c['status'] != 'ok':
                assert got[i] in REASONS, (page, w, area, got[i])
                continue
            want_txt = '%s (%s–%s)' % (num(float(c['pct']), en), num(float(c['ci_low']), en),
                                       num(float(c['ci_high']), en))
            assert got[i] == want_txt, (page, w, area, got[i], want_txt)
    # the chart: one point per shown figure, none for a hidden one
    svg = re.search(r'<figure class="chart trend">.*?</svg>', p, re.S).group(0)
    for t in re.findall(r'<title>([^<]*)</title>', svg):
        t = html.unescape(t)
        assert not any(x in t for x in REASONS), t
    if not en:  # two entries of sv.po without a blank line between them once lost
        assert 'Område att jämföra med staden' in p, 'the form in Swedish'
        assert 'aria-label="Andelar per våg med 95 %-intervall' in p, 'the chart in Swedish'
    assert 'Varje vågs siffror kommer från den senaste utgåvan' in p or \
        "Each wave's figures come from the latest release" in html.unescape(p)

# The newest not withdrawn (4): 2022 from 4, 2024 from 2; never 3.
check('latest.html', [('2022', 4), ('2024', 2)])
# Release 2 shown: 2022 from 1, not from 4, which is later.
check('r2.html', [('2022', 1), ('2024', 2)])
check('r2-en.html', [('2022', 1), ('2024', 2)])
# Release 1: only its wave.
check('r1.html', [('2022', 1)])
# The withdrawn release asked for by number: its own waves.
check('r3.html', [('2022', 3), ('2024', 3)])

# The area page: the change since 2022 (release 1) of release 2's 2024.
a2 = read('a2.html')
assert 'Siffrorna för våg 2022 kommer från utgåva 1 ' in a2, 'the source of 2022'
tb = re.search(r'<table class="forandring">(.*?)</table>', a2, re.S).group(1)
rows = re.findall(r'<tr data-scale="([^"]*)">(.*?)</tr>', tb, re.S)
assert rows, 'a change row per factor'
def headline(r, scale, wave):
    m = [x for x in rel[r] if x['division'] == 'primaromrade' and x['area'] == '101' and
         x['wave'] == wave and x['scale'] == scale and x['grade'] == 'T' and
         x['sex'] == 'T' and x['headline'] == '1']
    assert len(m) == 1, (r, scale, wave)
    return m[0]
for scale, b in rows:
    got = cells(b)
    for col, (r, w) in ((1, (1, '2022')), (2, (2, '2024'))):
        c = headline(r, scale, w)
        if c['status'] != 'ok':
            assert got[col] in REASONS, (scale, got)
        else:
            assert got[col] == num(float(c['pct']), False), (scale, col, got, c['pct'])
dl = list(csv.reader(open('%s/a2.csv' % T, encoding='utf-8')))
assert dl[0][1] == 'Andel 2022, %' and dl[0][2] == 'Andel 2024, %', dl[0]
assert len(dl) == len(rows) + 1, (len(dl), len(rows))
assert '<table class="forandring">' not in read('a1.html'), 'no wave before 2022'
print('ok')
PY
