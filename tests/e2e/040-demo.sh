#!/bin/sh
# 040: jamlik demo builds demo.db in the current folder from any folder,
# with Göteborg's real areas and synthetic answers labelled as such, and
# two audited releases.
. "$(dirname "$0")/lib.sh"
set -e
mkdir "$T/elsewhere"
cd "$T/elsewhere"
expect_status 0 jl demo
[ -f demo.db ] || fail "no demo.db in the current folder"
[ ! -e demo.db.building ] || fail "temporary file left behind"
expect_stdout "NOTE: synthetic answers"
expect_stdout "Backa"
expect_stdout "Centrala Tynnered"
expect_stderr "96 primärområden"
# Both mellanområden get a profile (7 headline rows x 4 grade groups) and
# a priority list.
# (A profile row: area, then grade; an indicator row: area, then name.)
[ "$(grep -cE '^71 +([0-9]|gy[0-9]|T) ' "$T/out")" = 28 ] || fail "profile rows of 71: $(grep -cE '^71 +([0-9]|gy[0-9]|T) ' "$T/out")"
[ "$(grep -cE '^55 +([0-9]|gy[0-9]|T) ' "$T/out")" = 28 ] || fail "profile rows of 55"
[ "$(grep -c 'Priorities for area' "$T/out")" = 2 ] || fail "two priority lists"
# Two releases, the second audited with the first: each reports what it
# hid by each rule and passes; an outsider's audit of the exported files
# agrees.
[ "$(grep -c '^Audit passed: ' "$T/out")" = 2 ] || fail "two audited releases"
expect_stdout "Release 2: The youth survey 2022 and 2024 by area (demo, synthetic answers)"
expect_stdout "hidden to protect other cells: "
# Living conditions beside the survey: real SCB figures, moved by overlay.
# (the division is in the note above the table, not in a column of it)
[ "$(grep -cE '^71 +Backa ' "$T/out")" = 3 ] || fail "living conditions of Backa"
expect_stdout "Share born abroad (%), division mellanomrade, period 2023"
expect_stdout "Source: SCB"
expect_stdout "folkmangd: moved from regso2025 by crosswalk"

# The areas and their parent links come from the GeoJSON properties.
# The releases, listed and exported: an outsider's audit agrees.
expect_status 0 jl --db demo.db --format csv release list
[ "$(tail -n +2 "$T/out" | wc -l)" = 2 ] || fail "release list: $(cat "$T/out")"
expect_status 0 jl --db demo.db release export 1 r1
expect_status 0 jl --db demo.db release export 2 r2
expect_status 0 jl audit r2 --earlier r1
expect_status 0 jl --db demo.db --format csv survey list
[ "$(grep -c ',1,jamlik demo' "$T/out")" = 2 ] || fail "two synthetic waves: $(cat "$T/out")"
grep -q '^stockholmsenkaten-rise,2022,2022-01-01,' "$T/out" || fail "wave 2022"

# Profiles carry the synthetic label in every format.
expect_status 0 jl --db demo.db --format json profile --wave 2024 --division primaromrade --headline
grep -q '"synthetic": *"true"' "$T/out" || fail "json meta synthetic"
grep -q "synthetic answers" "$T/out" || fail "json note"
expect_status 0 jl --db demo.db --format csv profile --wave 2024 --division primaromrade --headline
expect_stderr "synthetic answers"
# The group-size rule makes some small groups: suppressed, with a reason.
cp "$T/out" "$T/prim.csv"
expect_status 0 jl --db demo.db --format csv profile --wave 2024 --division primaromrade --by grade --headline
grep -q ',suppressed,' "$T/out" || fail "no suppressed small group"
awk -F, 'NR > 1 && $20 == "suppressed" && ($10 != "" || $13 != "" || $21 == "") { bad = 1 }
         END { exit bad }' "$T/out" || fail "suppressed rows show numbers"

# Areas in class 1 (stora socioekonomiska utmaningar) have more risk in
# their neighbourhood (Community) than areas in class 6 (särskilt goda
# förutsättningar); the classes are read from the GeoJSON here too.
python3 - "$SRC/data/geo/goteborg_primaromraden.geojson" "$T/prim.csv" <<'PY' || fail "class gradient"
import csv, json, sys
cls = {f['properties']['omrade_kod']: f['properties']['gbg_socioekonomisk_omr_kod']
       for f in json.load(open(sys.argv[1]))['features']}
k = {'1': [0, 0], '6': [0, 0]}
for r in csv.DictReader(open(sys.argv[2])):
    c = cls.get(r['area'])
    if r['scale'] == 'Community' and r['status'] == 'ok' and c in k:
        k[c][0] += int(r['k']); k[c][1] += int(r['n_scored'])
p1, p6 = (100 * k[c][0] / k[c][1] for c in '16')
print(f'Community at risk: class 1 {p1:.1f} %, class 6 {p6:.1f} %')
sys.exit(0 if p1 > p6 + 10 else 1)
PY

# The survey beside living conditions: the correlation, recomputed in
# Python from the table jamlik prints beside it.
expect_status 0 jl --db demo.db --format json profile compare --wave 2024 --scale Community \
    --indicator utrikes_fodda_andel --division mellanomrade --period 2023
python3 - "$T/out" <<'PY' || fail "profile compare"
import json, math, sys
text = open(sys.argv[1]).read()
# two JSON documents: the table, then the correlations
dec = json.JSONDecoder()
t, end = dec.raw_decode(text)
c, _ = dec.raw_decode(text[end:].lstrip())
x = [r['pct'] for r in t['rows']]; y = [r['indicator'] for r in t['rows']]
n = len(x); mx = sum(x) / n; my = sum(y) / n
r = sum((a - mx) * (b - my) for a, b in zip(x, y)) / math.sqrt(
    sum((a - mx) ** 2 for a in x) * sum((b - my) ** 2 for b in y))
got = {row['measure']: row for row in c['rows']}
assert abs(got['pearson']['r'] - r) < 1e-12, (got['pearson'], r)
z = math.atanh(r); h = 1.959963984540054 / math.sqrt(n - 3)
assert abs(got['pearson']['ci_low'] - math.tanh(z - h)) < 1e-12
assert any("synthetic answers" in s for s in t["notes"])
print(f'{n} mellanområden: r = {r:.3f}')
PY
# Two crosswalks in a row (DeSO 2018 -> RegSO by SCB's key, RegSO ->
# mellanområde by overlay) keep every young person of the city.
expect_status 0 jl --db demo.db --format csv indicator show unga_15_19 --division mellanomrade
expect_stderr "moved from deso2018 by crosswalk to regso2025, then by crosswalk"
want=$(awk -F, 'NR > 1 && $2 == "1480" { s += $9 } END { print s }' \
    "$SRC/data/statistics/scb_deso2018_2022_gbg_malmo_hbg.csv")
awk -F, -v w="$want" 'NR == 2 { d = $6 - w; if (d < 0) d = -d; exit d > 1e-6 }' "$T/out" \
    || fail "15-19-year-olds: city $(sed -n 2p "$T/out" | cut -d, -f6), SCB $want"

# Any linked level: the wave has no stadsområde column; its respondents
# reach the stadsområden through the mellanområden's parent links.
expect_status 0 jl --db demo.db --format csv areas list --division mellanomrade
cp "$T/out" "$T/mellan-areas.csv"
expect_status 0 jl --db demo.db --format csv profile --wave 2024 --division mellanomrade --headline
cp "$T/out" "$T/mellan-prof.csv"
expect_status 0 jl --db demo.db --format csv profile --wave 2024 --division stadsomrade --headline
python3 - "$T/mellan-areas.csv" "$T/mellan-prof.csv" "$T/out" <<'PY' || fail "stadsområden from parent links"
import collections, csv, sys
parent = {r['code']: r['parent'] for r in csv.DictReader(open(sys.argv[1]))}
want = collections.Counter()
for r in csv.DictReader(open(sys.argv[2])):
    if r['scale'] == 'Utagerande' and r['grade'] == 'T' and r['sex'] == 'T':
        want[parent[r['area']]] += int(r['n'])
got = {r['area']: int(r['n']) for r in csv.DictReader(open(sys.argv[3]))
       if r['scale'] == 'Utagerande' and r['grade'] == 'T' and r['sex'] == 'T'}
assert got == dict(want), (got, want)
print('4 stadsområden:', got)
PY
# A named group of areas is reported as one: its counts are its members'.
expect_status 0 jl --db demo.db --quiet areas group create "Norra Hisingen" --division mellanomrade 71 72 73
expect_status 0 jl --db demo.db --format csv profile --wave 2024 --division mellanomrade --headline
awk -F, '$2 ~ /^(71|72|73)$/ && $5 == "T" && $6 == "T" && $7 == "Utagerande" { n += $11; k += $13 }
         END { print n, k }' "$T/out" > "$T/members"
expect_status 0 jl --db demo.db --format csv profile --wave 2024 --division mellanomrade --headline \
    --group "Norra Hisingen"
awk -F, '$5 == "T" && $6 == "T" && $7 == "Utagerande" { print $11, $13 }' "$T/out" > "$T/group"
cmp -s "$T/members" "$T/group" || fail "group profile: $(cat "$T/group") vs members $(cat "$T/members")"
expect_status 0 jl --db demo.db --format csv indicator show folkmangd --division mellanomrade --period 2023 \
    --group "Norra Hisingen"
awk -F, '$2 ~ /^(71|72|73)$/ { s += $5 } $2 == "Norra Hisingen" { g = $5 }
         END { d = s - g; if (d < 0) d = -d; exit d > 1e-6 }' "$T/out" || fail "group population"
expect_status 1 jl --db demo.db indicator show folkmangd --division primaromrade --group "Norra Hisingen"
expect_stderr "group Norra Hisingen is a group of mellanomrade, not of primaromrade"
# A second run replaces the database whole, with the same answers (the
# generator is seeded; only import times differ).
expect_status 0 jl --quiet demo
expect_status 0 jl --db demo.db --format csv profile --wave 2024 --division primaromrade --headline
cmp -s "$T/out" "$T/prim.csv" || fail "the demo is not reproducible"
h1=$(hash_db demo.db)
expect_status 0 jl demo --out other.db
[ -f other.db ] || fail "--out"
# A data folder without the files: an error naming the file, old db kept.
JAMLIK_DATA="$T/nowhere" expect_status 1 jl demo
expect_stderr "nowhere/instruments/stockholmsenkaten-rise.instrument"
[ "$(hash_db demo.db)" = "$h1" ] || fail "a failed demo changed demo.db"
# The label in Swedish, and no Swedish in the English one.
expect_status 0 jl --lang sv --db demo.db profile --wave 2024 --division mellanomrade --area 71
expect_stdout "OBS: syntetiska svar, skapade av jamliks generator"
expect_status 0 jl --db demo.db profile --wave 2024 --division mellanomrade --area 71
if grep -q "syntetiska" "$T/out"; then fail "Swedish label in English output"; fi
echo "040-demo ok"
