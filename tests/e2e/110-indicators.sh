#!/bin/sh
# 110: indicators: definitions (every problem reported), the real SCB
# statistics imported wide through maps, long CSV with SCB's symbols,
# derived shares recomputed from added parts, figures moved by crosswalks
# and parent links (and said so), medians and means refused.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
IND="$SRC/data/indicators"
STAT="$SRC/data/statistics"
GEO="$SRC/data/geo"
expect_status 0 jl --db "$DB" --quiet areas import "$GEO/goteborg_regso2025.geojson" --division regso2025
expect_status 0 jl --db "$DB" --quiet areas import "$GEO/goteborg_stadsomraden.geojson" --division stadsomrade
expect_status 0 jl --db "$DB" --quiet areas import "$GEO/goteborg_mellanomraden.geojson" \
    --division mellanomrade --parent-field stadsomrade_kod --parent-division stadsomrade
expect_status 0 jl --db "$DB" indicator define "$IND/scb.indicators"
expect_stderr "Defined 13 indicators"

# Broken definitions: every problem at once, nothing stored.
cat > "$T/bad.indicators" <<'DEF'
indicator: a
name: A
unit: st
kind: counted
better: up

indicator: b
name: B
unit: %
kind: share
better: lower
source: test
formula: 100 * a / (folkmangd +
DEF
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" indicator define "$T/bad.indicators"
expect_stderr 'bad.indicators:1:1: error: indicator a has no "source": say where the figures come from'
expect_stderr 'bad.indicators:4:7: error: expected count, share, rate, median, mean or index, found "counted"'
expect_stderr 'bad.indicators:5:9: error: expected higher, lower or none, found "up"'
expect_stderr 'bad.indicators:13:32: error: expected more after the operator'
[ "$(hash_db "$DB")" = "$h" ] || fail "refused definitions changed the database"

# The real statistics, wide, through the maps shipped beside them.
expect_status 0 jl --db "$DB" indicator import "$STAT/scb_regso2020_2020_2023_gbg_malmo_hbg.csv" \
    --as wide --division regso2025 --map "$IND/regso-2020-2023.map"
expect_stderr "Imported 7532 observations into division regso2025"
expect_stderr "122 area codes not in division regso2025 (kept): 1280R001 1280R002"
# DeSO 2018 statistics on the DeSO 2025 map: the 13 codes SCB changed are
# named in the report (the rest join by code).
expect_status 0 jl --db "$DB" --quiet areas import "$GEO/goteborg_deso2025.geojson" --division deso2025
{ head -1 "$STAT/scb_deso2018_2022_gbg_malmo_hbg.csv"; grep '^1480' "$STAT/scb_deso2018_2022_gbg_malmo_hbg.csv"; } > "$T/gbg-deso.csv"
expect_status 0 jl --db "$DB" indicator import "$T/gbg-deso.csv" --as wide --division deso2025 --map "$IND/deso-2022.map"
expect_stderr "13 area codes not in division deso2025 (kept): 1480C1030 1480C1160 1480C1420 1480C1570 1480C1620 1480C1690 1480C2270 1480C2560 1480C2950 1480C3040 1480C3220 1480C3560 1480C3590"
expect_status 0 jl --db "$DB" --quiet indicator import "$STAT/scb_regso2020_omradestyp_2022_gbg_malmo_hbg.csv" \
    --as wide --division regso2025 --map "$IND/regso-omradestyp.map"
expect_status 0 jl --db "$DB" --quiet indicator import "$STAT/scb_deso2018_2022_gbg_malmo_hbg.csv" \
    --as wide --division deso2018 --map "$IND/deso-2022.map"

# A derived share per RegSO equals the formula over SCB's own columns, and
# the city's value is recomputed from the added parts, not averaged.
expect_status 0 jl --db "$DB" --format csv indicator show utrikes_fodda_andel --division regso2025 --period 2022
python3 - "$STAT/scb_regso2020_2020_2023_gbg_malmo_hbg.csv" "$T/out" <<'PY' || fail "derived share"
import csv, sys
src = {r['regso_2020_kod']: r for r in csv.DictReader(open(sys.argv[1])) if r['kommun_kod'] == '1480'}
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == 147, len(rows)
tf = sum(int(r['folkmangd_2022']) for r in src.values())
ts = sum(int(r['fodda_sverige_2022']) for r in src.values())
city = 100 * (tf - ts) / tf
for r in rows:
    s = src[r['area']]
    want = 100 * (int(s['folkmangd_2022']) - int(s['fodda_sverige_2022'])) / int(s['folkmangd_2022'])
    assert abs(float(r['value']) - want) < 1e-9, (r, want)
    assert abs(float(r['city']) - city) < 1e-9, (r['city'], city)
    assert abs(float(r['ratio']) - want / city) < 1e-9
    assert r['first_period'] == '2020'
print(f'147 RegSO: share born abroad matches SCB, city {city:.2f} %')
PY
# Without --division: where the indicator (its first part) is observed
# most: folkmangd has 2 x 578 DeSO 2018 rows, 4 x 269 RegSO rows.
expect_status 0 jl --db "$DB" --format csv indicator show utrikes_fodda_andel --period 2022
[ "$(awk -F, 'NR > 1 { print $1 }' "$T/out" | sort -u)" = deso2018 ] || fail "default division"

# Counts aggregate from DeSO 2018 to RegSO through SCB's key and equal
# the sum of the parts; the table says the figure was moved.
grep -E '^(kommun_kod|1480)' "$STAT/koppling_deso2018_regso2020_gbg_malmo_hbg.csv" > "$T/key.csv"
expect_status 0 jl --db "$DB" --quiet areas crosswalk import "$T/key.csv" --from deso2018 --to regso2025 \
    --from-field deso_2018 --to-field regso_2020_kod
expect_status 0 jl --db "$DB" --format csv indicator show unga_15_19 --division regso2025
expect_stderr "unga_15_19: moved from deso2018 by crosswalk"
python3 - "$STAT/scb_deso2018_2022_gbg_malmo_hbg.csv" "$T/key.csv" "$T/out" <<'PY' || fail "DeSO to RegSO sums"
import collections, csv, sys
deso = {r['deso']: int(r['alder_15_19']) for r in csv.DictReader(open(sys.argv[1]))}
want = collections.Counter()
for r in csv.DictReader(open(sys.argv[2])):
    want[r['regso_2020_kod']] += deso[r['deso_2018']]
rows = list(csv.DictReader(open(sys.argv[3])))
assert len(rows) == 147
for r in rows:
    assert float(r['value']) == want[r['area']], (r, want[r['area']])
assert float(rows[0]['city']) == sum(want.values())
print(f"147 RegSO: 15-19-year-olds summed from 306 DeSO 2018 = {sum(want.values())}")
PY
expect_status 0 jl --db "$DB" --format json indicator show nettoinkomst_median_tkr --division deso2018
grep -q '"area":"1480A0010"' "$T/out" || fail "a median is shown where it was observed"
expect_status 1 jl --db "$DB" indicator show nettoinkomst_median_tkr --division regso2025
expect_stderr "error: indicator nettoinkomst_median_tkr is observed in deso2018, not in regso2025, and a median does not add up over areas: a median of parts is not the median of the whole"
expect_status 1 jl --db "$DB" indicator show medel_loneinkomst_tkr --division stadsomrade
expect_stderr "a mean does not add up over areas"
# Parent links: mellanområden add up to stadsområden (no crosswalk needed).
expect_status 0 jl --db "$DB" --quiet areas crosswalk regso2025 mellanomrade
expect_status 0 jl --db "$DB" --format csv indicator show fodda_sverige --division mellanomrade --period 2022
expect_stderr "fodda_sverige: moved from regso2025 by crosswalk"
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division mellanomrade --period 2023
cp "$T/out" "$T/mellan.csv"
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division stadsomrade --period 2023
python3 - "$T/mellan.csv" "$T/out" <<'PY' || fail "sums over parent links"
import csv, sys
m = list(csv.DictReader(open(sys.argv[1])))
s = list(csv.DictReader(open(sys.argv[2])))
assert len(s) == 4, len(s)
assert abs(sum(float(r['value']) for r in s) - sum(float(r['value']) for r in m)) < 1e-6
assert abs(float(s[0]['city']) - float(m[0]['city'])) < 1e-6
PY

# Population weights: with the population of the from-areas themselves
# spread evenly, they must equal the area weights; with DeSO population
# they differ where a RegSO is split, still sum to 1, and the city's
# population is the same whichever way it is moved.
expect_status 0 jl --db "$DB" --format csv areas crosswalk regso2025 mellanomrade
cp "$T/out" "$T/xw-area.csv"
expect_status 0 jl --db "$DB" --format csv areas crosswalk regso2025 mellanomrade --weight population \
    --population folkmangd --via regso2025 --period 2022
cp "$T/out" "$T/xw-self.csv"
expect_status 0 jl --db "$DB" --format csv areas crosswalk regso2025 mellanomrade --weight population \
    --population folkmangd --via deso2025 --period 2022
expect_stderr "by population (folkmangd in deso2025"
cp "$T/out" "$T/xw-pop.csv"
python3 - "$T/xw-area.csv" "$T/xw-self.csv" "$T/xw-pop.csv" <<'PY' || fail "population weights"
import collections, csv, sys
rd = lambda f: {(r['from'], r['to']): float(r['weight']) for r in csv.DictReader(open(f))}
area, self_, pop = rd(sys.argv[1]), rd(sys.argv[2]), rd(sys.argv[3])
assert set(area) == set(self_) == set(pop)
assert all(abs(area[k] - self_[k]) < 1e-9 for k in area), 'self-population weights != area weights'
s = collections.Counter()
for (f, t), w in pop.items():
    s[f] += w
assert all(abs(v - 1) < 1e-9 for v in s.values())
assert sum(abs(area[k] - pop[k]) > 0.05 for k in area) > 0, 'population changed nothing'
print(f'{len(pop)} pairs: self-weights equal area weights; DeSO weights sum to 1')
PY
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division mellanomrade --period 2022
awk -F, 'NR == 2 { print $6 }' "$T/out" > "$T/city-pop"
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division regso2025 --period 2022
awk -F, -v m="$(cat "$T/city-pop")" 'NR == 2 { d = $6 - m; if (d < 0) d = -d; exit d > 1e-6 }' "$T/out" \
    || fail "population not preserved"

# Long CSV with SCB's symbols; the statuses are kept.
cat > "$T/long.csv" <<'CSV'
indicator,area,period,sex,value
folkmangd,1480R001,2024,T,100
folkmangd,1480R002,2024,T,..
folkmangd,1480R003,2024,T,.
folkmangd,1480R004,2024,T,-
folkmangd,1480R005,2024,K,"1 000"
CSV
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" indicator import "$T/long.csv" --as long --division regso2025
expect_stderr 'long.csv:6:27: error: expected a number, ".." (missing), "." (not applicable), "-" (zero) or nothing, found "1 000"'
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused import changed the database"
sed -i 's/"1 000"/1000,5/; s/^indicator,area,period,sex,value$/indicator,area,period,sex,value/' "$T/long.csv"
sed -i '6s/.*/folkmangd,1480R005,2024,K,"1000,5"/' "$T/long.csv"
expect_status 0 jl --db "$DB" indicator import "$T/long.csv" --as long --division regso2025
expect_stderr "5 observations"
expect_stderr "3 with a value, 1 missing, 0 suppressed, 1 not applicable"
# Each row keeps its own sex (every row once took the sex of the file's
# last row, and T and K of one area collided without a word).
printf 'indicator,area,period,sex,value\nfolkmangd,1480R010,2019,T,100\nfolkmangd,1480R010,2019,K,40\nfolkmangd,1480R010,2019,M,60\n' > "$T/sexes.csv"
expect_status 0 jl --db "$DB" indicator import "$T/sexes.csv" --as long --division regso2025
expect_stderr "3 observations"
for sv in T:100 K:40 M:60; do
    expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division regso2025 \
        --period 2019 --area 1480R010 --sex "${sv%%:*}"
    grep -q "^regso2025,1480R010,[^,]*,2019,${sv#*:}," "$T/out" || fail "sex ${sv%%:*}: $(cat "$T/out")"
done
# A period where every figure is missing is refused, not shown as a
# table of empty rows.
printf 'indicator,area,period,value\nfolkmangd,1480R001,2018,..\nfolkmangd,1480R002,2018,..\n' > "$T/none.csv"
expect_status 0 jl --db "$DB" indicator import "$T/none.csv" --as long --division regso2025
expect_status 1 jl --db "$DB" indicator show folkmangd --division regso2025 --period 2018
expect_stderr 'error: folkmangd has no value in any area of regso2025 for period 2018: every figure there is missing, suppressed, not applicable or lacks a part'
# One RegSO's row alone in 2017: moved to the mellanområden, the
# mellanområde it lies in lacks its other parts (no rows at all), so it
# has no value rather than a partial sum passing for the total.
printf 'indicator,area,period,value\nfolkmangd,1480R001,2017,500\n' > "$T/one.csv"
expect_status 0 jl --db "$DB" indicator import "$T/one.csv" --as long --division regso2025
expect_status 1 jl --db "$DB" indicator show folkmangd --division mellanomrade --period 2017
expect_stderr 'error: folkmangd has no value in any area of mellanomrade for period 2017'
# Every RegSO of 2022 again as 2016 but the first: the mellanområden
# that RegSO lies in have no value and say why, and the city says which
# areas it leaves out.
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division regso2025 --period 2022
awk -F, 'NR > 2 && $5 != "" { print "folkmangd," $2 ",2016," $5 }' "$T/out" > "$T/rest.csv"
sed -i '1i indicator,area,period,value' "$T/rest.csv"
first=$(awk -F, 'NR == 2 { print $2 }' "$T/out")
expect_status 0 jl --db "$DB" indicator import "$T/rest.csv" --as long --division regso2025
expect_status 0 jl --db "$DB" indicator show folkmangd --division mellanomrade --period 2016
grep -q 'No value for [^:]*: a part that the crosswalk or parent links add up has no row in the imported figures, not even "..".' "$T/out" "$T/err" \
    || fail "no note on the absent part of $first"
grep -q 'City: the [0-9]* areas with a value, added up; not the whole city: without ' "$T/out" "$T/err" \
    || fail "the city does not say what it leaves out"
for bad in "utrikes_fodda_andel,1480R001,2024,T,5|indicator utrikes_fodda_andel is derived by its formula" \
           "nope,1480R001,2024,T,5|expected a defined indicator, found \"nope\"" \
           "folkmangd,1480R001,2024-01,T,5|expected a period such as 2022, 2024M01 or 2024K1" \
           "folkmangd,1480R001,2024,X,5|expected T, K or M, found \"X\""; do
    printf 'indicator,area,period,sex,value\n%s\n' "${bad%%|*}" > "$T/bad.csv"
    expect_status 1 jl --db "$DB" indicator import "$T/bad.csv" --as long --division regso2025
    expect_stderr "${bad#*|}"
done
printf 'indicator,area,period,value\nfolkmangd,1480R001,2024,1\nfolkmangd,1480R001,2024,2\n' > "$T/dup.csv"
expect_status 1 jl --db "$DB" indicator import "$T/dup.csv" --as long --division regso2025
expect_stderr "dup.csv:3:1: error: expected one value per indicator, area, period and sex, found folkmangd 1480R001 2024 again (first on line 2)"
# A wide map whose column matches nothing, and a column the map misses.
printf 'area: regso_2020_kod\ncolumn: folk_{period} = folkmangd\n' > "$T/bad.map"
expect_status 1 jl --db "$DB" indicator import "$STAT/scb_regso2020_omradestyp_2022_gbg_malmo_hbg.csv" \
    --as wide --division regso2025 --map "$T/bad.map"
expect_stderr 'error: expected a column named in'
expect_stderr 'found "kommun_kod"'
[ "$(hash_db "$DB")" != "" ] || fail
expect_status 0 jl --db "$DB" --format csv indicator list
grep -q '^utrikes_fodda_andel,Share born abroad,%,share,none,' "$T/out" || fail "indicator list"
echo "110-indicators ok"
