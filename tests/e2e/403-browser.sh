#!/bin/sh
# 403: the pages in a real browser (the start, area, factor, method,
# indicator and segregation pages): Debian's Chromium driven by
# playwright-core, axe-core's WCAG 2.1 A and AA rules on every page type
# in both languages, the skip link as the first keyboard stop, the
# language switch keeping the page, no sideways scrolling on a phone; the
# start page's map and the factor page included; an area page's table
# downloaded as CSV and xlsx by clicking and compared with the release,
# and the page printed to PDF on at most two A4 sheets (handout.mjs).
# Screenshots of each page type are kept in build folder's
# browser-shots/ as artefacts (tests/browser/pages.mjs).
. "$(dirname "$0")/lib.sh"
set -e
. "$(dirname "$0")/serve-lib.sh"
[ -x /usr/bin/chromium ] || fail "chromium is not installed (make deps installs it)"
[ -d "$SRC/tests/browser/node_modules/playwright-core" ] \
    || fail "playwright-core is not installed (make deps runs npm ci in tests/browser)"
(cd "$T" && jl --quiet demo > /dev/null) || fail "demo"
serve_start "$T/demo.db" --threads 2
SHOTS=$(dirname "$JAMLIK")/browser-shots
mkdir -p "$SHOTS"
node "$SRC/tests/browser/pages.mjs" "http://127.0.0.1:$PORT" "$SHOTS" \
    / '/?division=mellanomrade&scale=SkolaPositiv' \
    '/?division=mellanomrade&indicator=utrikes_fodda_andel' /omrade/mellanomrade/10 \
    /omrade/primaromrade/101 /faktor/stockholmsenkaten-rise/Utagerande \
    '/faktor/stockholmsenkaten-rise/SkolaPositiv?division=mellanomrade&area=10' /metod \
    '/indikator/utrikes_fodda_andel?division=mellanomrade' /segregation \
    > "$T/browser.out" 2>&1 \
    || { cat "$T/browser.out" >&2; fail "browser checks"; }
grep -q '^passed: 0 failed checks' "$T/browser.out" || fail "no summary"
[ -s "$SHOTS/sv-omrade-mellanomrade-10-laptop.png" ] || fail "no screenshot"
[ -s "$SHOTS/sv-faktor-stockholmsenkaten-rise-Utagerande-laptop.png" ] || fail "no factor screenshot"
[ -s "$SHOTS/sv-indikator-utrikes-fodda-andel-division-mellanomrade-laptop.png" ] &&
    [ -s "$SHOTS/sv-segregation-phone.png" ] || fail "no screenshot of the new pages"

# The handout: an area page's table downloaded by clicking its links, as
# CSV and as xlsx, with the release's numbers; the page printed to PDF
# on at most two A4 sheets.
jl --db "$T/demo.db" --format csv release show 2 > "$T/r2.csv" || fail "release show 2"
for a in stadsomrade/1 primaromrade/101; do
    mkdir -p "$T/$a"
    node "$SRC/tests/browser/handout.mjs" "http://127.0.0.1:$PORT" "$T/$a" "/omrade/$a" \
        > "$T/handout.out" 2>&1 || { cat "$T/handout.out" >&2; fail "handout of $a"; }
    pages=$(sed -n 's/^pdf pages: //p' "$T/handout.out")
    [ "$pages" -ge 1 ] && [ "$pages" -le 2 ] || fail "$a prints on $pages pages"
    cp "$T/$a/handout.pdf" "$SHOTS/handout-$(echo "$a" | tr / -).pdf"
    /usr/bin/python3 - "$T/r2.csv" "$T/$a" "$a" <<'PY' || fail "downloads of $a"
import csv, sys
import openpyxl
rel, d, area = sys.argv[1], sys.argv[2], sys.argv[3].split('/')
want = sorted((float(r['pct']), int(r['n_scored'])) for r in csv.DictReader(open(rel))
              if (r['division'], r['area']) == tuple(area) and r['wave'] == '2024'
              and r['grade'] == 'T' and r['sex'] == 'T' and r['headline'] == '1'
              and r['status'] == 'ok')
rows = list(csv.DictReader(open(d + '/profil.csv', encoding='utf-8')))
got = sorted((float(r['Andel, %']), int(r['Svarande med poäng'])) for r in rows
             if r['Andel, %'][:1].isdigit())
assert got == want and want, (got, want)
hidden = [r for r in rows if not r['Andel, %'][:1].isdigit()]
assert all(r['Andel, %'] == 'dold' for r in hidden)
wb = openpyxl.load_workbook(d + '/profil.xlsx')
vals = list(wb.active.iter_rows(values_only=True))
head = [i for i, r in enumerate(vals) if r and r[0] == 'Faktor'][0]
xl = sorted((r[2], r[7]) for r in vals[head + 1:] if isinstance(r[2], float))
assert len(xl) == len(want) and all(abs(a - b) < 1e-9 and m == n
                                    for (a, m), (b, n) in zip(xl, want)), (xl, want)
print(area, len(want), 'published,', len(hidden), 'hidden')
PY
done
serve_stop
