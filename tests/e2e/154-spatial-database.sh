#!/bin/sh
# 154: autocorrelation of data in the database. An indicator over a
# division's stored areas (Göteborg's RegSO 2025, share born abroad 2022
# from SCB) equals spdep on the same map and figures; the headline share of
# a survey scale per area works on the demo's synthetic wave, says so, and
# leaves out exactly the areas whose groups are suppressed.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
load_regso "$DB"
expect_status 0 jl --db "$DB" --format json autocorr indicator:utrikes_fodda_andel@2022 --division regso2025 \
    --weights queen
python3 "$SRC/tests/reference/spatial/check.py" stats regso_utrikes_W "$T/out" || fail "RegSO differs from spdep"
# Without --division: a usage error; an unknown indicator: refused.
expect_status 2 jl --db "$DB" autocorr indicator:utrikes_fodda_andel@2022 --weights queen
expect_stderr "needs --division"
expect_status 1 jl --db "$DB" autocorr indicator:nosuch@2022 --division regso2025 --weights queen
# No database: the usual message.
expect_status 1 jl --db "$T/none.db" autocorr indicator:x@2022 --division regso2025 --weights queen
expect_stderr "no database here"

# The survey: the demo's synthetic wave.
cd "$T"
expect_status 0 jl --quiet demo
expect_status 0 jl --db demo.db --format csv autocorr survey:Community@2024 --division primaromrade \
    --weights queen --permutations 99
cp "$T/out" "$T/s.csv"
expect_stderr "synthetic answers"
expect_stderr "fewer than 10 answers left out"
expect_status 0 jl --db demo.db --format csv profile --wave 2024 --division primaromrade --headline
python3 - "$T/out" "$T/s.csv" <<'PY' || fail "survey shares differ from the profile"
import csv, sys
shown = {}
for r in csv.DictReader(open(sys.argv[1])):
    if r['grade'] == 'T' and r['sex'] == 'T' and r['scale'] == 'Community' and r['status'] == 'ok':
        shown[r['area']] = float(r['pct'])
got = {r['area']: float(r['value']) for r in csv.DictReader(open(sys.argv[2]))}
assert got.keys() == shown.keys(), (sorted(set(shown) ^ set(got)))
for a in got:
    assert abs(got[a] - shown[a]) < 1e-9, a
PY
# A stricter rule leaves out more areas, exactly those profile suppresses.
expect_status 0 jl --db demo.db --format csv autocorr survey:Community@2024 --division primaromrade \
    --weights queen --min-n 60
cp "$T/out" "$T/s60.csv"
expect_stderr "fewer than 60 answers left out"
expect_status 0 jl --db demo.db --format csv profile --wave 2024 --division primaromrade --headline \
    --min-n 60
python3 - "$T/out" "$T/s60.csv" "$T/s.csv" <<'PY' || fail "--min-n 60 leaves out other areas than profile"
import csv, sys
shown = {r['area'] for r in csv.DictReader(open(sys.argv[1]))
         if r['grade'] == 'T' and r['sex'] == 'T' and r['scale'] == 'Community' and r['status'] == 'ok'}
got = {r['area'] for r in csv.DictReader(open(sys.argv[2]))}
before = {r['area'] for r in csv.DictReader(open(sys.argv[3]))}
assert got == shown and len(got) < len(before), (len(got), len(shown), len(before))
PY
expect_status 2 jl --db demo.db autocorr survey:Community@2024 --division primaromrade --weights queen --min-n 2
expect_status 1 jl --db demo.db autocorr survey:NoScale@2024 --division primaromrade --weights queen
expect_stderr 'no scale "NoScale"'
echo "154-spatial-database: ok"
