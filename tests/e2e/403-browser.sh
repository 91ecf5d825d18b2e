#!/bin/sh
# 403: the pages in a real browser (the start, area, factor, method,
# indicator and segregation pages): Debian's Chromium driven by
# playwright-core, axe-core's WCAG 2.1 A and AA rules on every page type
# in both languages, the skip link as the first keyboard stop, the
# language switch keeping the page, no sideways scrolling on a phone; the
# start page's map and the factor page included.
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
serve_stop
