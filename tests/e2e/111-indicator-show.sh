#!/bin/sh
# 111: the indicator table as an analyst reads it (issue 17): each area
# compared with its own municipality, not with every municipality of the
# database added up; a ratio to the city for shares and rates only;
# counts split by an overlay rounded to whole persons and marked as
# estimates (exact in CSV, with a code); fixed English codes in CSV and
# JSON whatever the language; one column per period with --periods; and
# tables that fit 120 columns unless --wide.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
IND="$SRC/data/indicators"
STAT="$SRC/data/statistics"
GEO="$SRC/data/geo"
expect_status 0 jl --db "$DB" --quiet indicator define "$IND/scb.indicators"
expect_status 0 jl --db "$DB" --quiet indicator import "$STAT/scb_deso2018_2022_gbg_malmo_hbg.csv" \
    --as wide --division deso2018 --map "$IND/deso-2022.map"

# ---- the city is the area's own municipality ----------------------------
# SCB's file holds Göteborg (1480), Malmö (1280) and Helsingborg (1283).
sum_of() { awk -F, -v k="$1" 'NR > 1 && $2 == k { s += $4 } END { print s }' \
    "$STAT/scb_deso2018_2022_gbg_malmo_hbg.csv"; }
gbg=$(sum_of 1480)
mmo=$(sum_of 1280)
all=$(awk -F, 'NR > 1 { s += $4 } END { print s }' "$STAT/scb_deso2018_2022_gbg_malmo_hbg.csv")
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division deso2018
grep -q "^deso2018,1480C1010,,2023,[0-9]*,$gbg,.*,1480,ok," "$T/out" || fail "Göteborg's city is not $gbg: $(grep 1480C1010 "$T/out")"
grep -q "^deso2018,1280C1010,,2023,2039,$mmo,.*,1280,ok," "$T/out" || fail "Malmö's city is not $mmo"
if grep -q ",$all," "$T/out"; then fail "the three cities added up ($all) pass for the city"; fi
expect_stderr "City (municipality 1480): the 306 areas with a value, added up."
expect_stderr "City (municipality 1280): the 192 areas with a value, added up."
# Ranks are within the municipality: each has a 1 (lag_ekonomisk_standard_pct: lower is better).
expect_status 0 jl --db "$DB" --format csv indicator show lag_ekonomisk_standard_pct --division deso2018
for k in 1480 1280 1283; do
    n=$(awk -F, -v k="$k" '$12 == k && $8 == 1' "$T/out" | wc -l)
    [ "$n" -ge 1 ] || fail "no rank 1 in $k"
done
# One municipality by its code, or by its name once a layer of
# municipalities names them.
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division deso2018 --municipality 1280
[ "$(grep -c '^deso2018,1280C' "$T/out")" = 192 ] || fail "Malmö's 192 areas"
if grep -q '^deso2018,1480C' "$T/out"; then fail "Göteborg's areas shown with --municipality 1280"; fi
expect_stderr "386 areas of other municipalities are left out."
expect_status 1 jl --db "$DB" indicator show folkmangd --division deso2018 --municipality Malmö
expect_stderr 'no municipality "Malmö" among the areas of deso2018; there are: 1280, 1283, 1480'
expect_status 0 jl --db "$DB" --quiet areas import "$GEO/kommuner_gbg_malmo_hbg.geojson" --division kommun \
    --code-field kommun_kod --name-field kommun_namn
expect_status 0 jl --db "$DB" indicator show folkmangd --division deso2018 --municipality malmö
expect_stdout "City (municipality 1280 Malmö): the 192 areas with a value, added up."
# Inequality is measured against one city: several need a choice.
expect_status 2 jl --db "$DB" indicator inequality lag_ekonomisk_standard_pct --division deso2018 --weight folkmangd
expect_stderr "lie in 3 municipalities (1280, 1283, 1480): choose one with --municipality"
expect_status 0 jl --db "$DB" indicator inequality lag_ekonomisk_standard_pct --division deso2018 \
    --weight folkmangd --municipality 1480
expect_stdout "over 306 areas of deso2018"
expect_status 0 jl --db "$DB" indicator compare lag_ekonomisk_standard_pct nettoinkomst_median_tkr \
    --division deso2018 --municipality Göteborg
expect_stdout "over 306 areas of deso2018"
expect_status 0 jl --db "$DB" index build gbgix --division deso2018 --municipality 1480 \
    --from lag_ekonomisk_standard_pct,nettoinkomst_median_tkr
expect_stdout "gbgix over 306 areas of deso2018"

# ---- ratio for shares and rates, not counts; codes, not words -----------
load_regso "$DB"
expect_status 0 jl --db "$DB" indicator show folkmangd --division regso2025 --municipality 1480
head -n 20 "$T/out" | grep -q 'ratio' && fail "a ratio to the city for a count"
expect_status 0 jl --db "$DB" indicator show utrikes_fodda_andel --division regso2025 --municipality 1480
expect_stdout "ratio"
expect_status 0 jl --db "$DB" --lang sv --format csv indicator show utrikes_fodda_andel --division regso2025 \
    --municipality 1480
awk -F, 'NR > 1 && $7 == "" { exit 1 }' "$T/out" || fail "a share without its ratio in CSV"
awk -F, 'NR > 1 && $11 !~ /^(up|down|better|worse|unchanged|)$/ { exit 1 }' "$T/out" ||
    fail "trend not a code in Swedish CSV: $(cut -d, -f11 "$T/out" | sort -u | tr '\n' ' ')"
expect_status 0 jl --db "$DB" --lang sv --format json indicator show utrikes_fodda_andel --division regso2025 \
    --municipality 1480 --area 1480R001
grep -q '"trend":"up","municipality":"1480","status":"ok"' "$T/out" || fail "json codes: $(cat "$T/out")"
# The trend in a table carries the size of the change.
expect_status 0 jl --db "$DB" indicator show utrikes_fodda_andel --division regso2025 --area 1480R001
grep -qE '^1480R001 .* up \+1\.3' "$T/out" || fail "trend without its size: $(cat "$T/out")"

# ---- one column per period, each municipality's total below -------------
expect_status 0 jl --db "$DB" indicator show folkmangd --division regso2025 --periods 2020..2023 --municipality 1480
grep -qE '^area +name +2020 +2021 +2022 +2023 +trend' "$T/out" || fail "period columns: $(sed -n 5p "$T/out")"
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division regso2025 --periods 2020,2023
head -1 "$T/out" | grep -q '^division,area,name,municipality,row,2020,status_2020,estimated_2020,2023,status_2023,estimated_2023,change,trend,estimated,source$' ||
    fail "csv header: $(head -1 "$T/out")"
g20=$(awk -F, 'NR > 1 && $2 == 1480 { s += $5 } END { print s }' "$STAT/scb_regso2020_2020_2023_gbg_malmo_hbg.csv")
grep -q "^regso2025,1480,Göteborg,1480,city,$g20,ok," "$T/out" || fail "Göteborg's total for 2020 is not $g20: $(grep ',city,' "$T/out")"
expect_status 2 jl --db "$DB" indicator show folkmangd --division regso2025 --periods 2020 --period 2021
expect_status 1 jl --db "$DB" indicator show folkmangd --division regso2025 --periods 2020,1999
expect_stderr "no observations of folkmangd for period 1999"

# ---- estimates: whole persons in tables, exact with a code in CSV -------
expect_status 0 jl --db "$DB" --quiet areas import "$GEO/goteborg_stadsomraden.geojson" --division stadsomrade
expect_status 0 jl --db "$DB" --quiet areas import "$GEO/goteborg_mellanomraden.geojson" \
    --division mellanomrade --parent-field stadsomrade_kod --parent-division stadsomrade
expect_status 0 jl --db "$DB" --quiet areas crosswalk regso2025 mellanomrade
expect_status 0 jl --db "$DB" indicator show folkmangd --division mellanomrade --period 2023
expect_stdout "Estimated: counts split between areas by area overlay, here rounded to whole persons"
grep -qE '^10 +Östra Angered +7,124 +604,616 .*estimated$' "$T/out" || fail "estimate not whole: $(grep Angered "$T/out")"
grep -qE '^11 +Bergsjön +18,390 ' "$T/out" || fail "Bergsjön"
grep -E '^[0-9]+ ' "$T/out" | grep -q '[0-9]\.[0-9]' && fail "a fraction of a person"
expect_status 0 jl --db "$DB" --format csv indicator show folkmangd --division mellanomrade --period 2023
grep -q '^mellanomrade,10,Östra Angered,2023,7124\.[0-9]*,.*,ok,area_overlay,' "$T/out" || fail "csv estimate: $(grep ',10,' "$T/out")"
grep -q '^mellanomrade,11,Bergsjön,2023,18390,.*,ok,,' "$T/out" || fail "a whole part is no estimate"

# ---- tables fit 120 columns; --wide shows every column ------------------
for args in "indicator show folkmangd --division mellanomrade" \
    "indicator show utrikes_fodda_andel --division mellanomrade --periods 2020..2023" \
    "indicator show folkmangd --division deso2018" "indicator list"; do
    # shellcheck disable=SC2086 # the words of a command
    expect_status 0 jl --db "$DB" --lang sv $args
    # the table, below the notes (if any) and the blank line after them
    w=$(python3 -c 'import sys; t = open(sys.argv[1], encoding="utf-8").read().split("\n\n")[-1]
print(max(len(l) for l in t.split("\n")))' "$T/out")
    [ "$w" -le 120 ] || fail "$args: $w columns"
done
expect_status 0 jl --db "$DB" --wide indicator show folkmangd --division mellanomrade --period 2023
grep -qE '^division +area +name +period +value +city +rank +since +change +trend' "$T/out" || fail "--wide: $(sed -n 6p "$T/out")"

# ---- never an empty table with exit 0 -----------------------------------
expect_status 1 jl --db "$DB" indicator show folkmangd --division regso2025 --area 9999
expect_stderr "no figures of folkmangd for area 9999 of regso2025"
expect_status 1 jl --db "$DB" indicator show folkmangd --division deso2018 --municipality 1280 --area 1480C1010
[ -s "$T/out" ] && fail "a table on stdout: $(cat "$T/out")"
true
