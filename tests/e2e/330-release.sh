#!/bin/sh
# 330: jamlik release create, list, show, withdraw, export (issue 18).
# A release with small groups hides what would give them away
# (secondary suppression) and passes its audit; one where
# nothing is sensitive is stored, listed, shown, exported byte for byte
# the same twice, and its export passes jamlik audit; a changed export
# fails with 3; two creates from the same data give the same cells.csv; a
# withdrawn release stays listed and is still audited with later ones; a
# replaced wave keeps its releases, gets a new revision and says what the
# correction changed (tests/e2e/331 for one respondent); a wave whose
# coarser area codes disagree with the parent links is refused by name.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade

# Usage.
expect_status 2 jl --db "$DB" release create --wave 2024
expect_stderr "usage: jamlik release create"
expect_status 2 jl --db "$DB" release create --wave 2024 --division mellanomrade --by age
expect_status 2 jl --db "$DB" release create --wave 2024 --division mellanomrade --min-count 0
expect_status 2 jl --db "$DB" release create --wave 2024 --division mellanomrade \
    --division mellanomrade
expect_status 2 jl --db "$DB" release show x
expect_status 1 jl --db "$DB" release create --wave 2024 --division city
expect_stderr 'a release calls the whole wave "city"'

# Small groups: secondary suppression hides what would give them away and
# the release passes its audit (in a database of its own, so that the
# releases below keep their numbers).
D2="$T/db2"
expect_status 0 jl --db "$D2" --quiet instrument import "$RISE"
expect_status 0 jl --db "$D2" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade
expect_status 0 jl --db "$D2" release create --wave 2024 --division primaromrade --by grade,sex
expect_stdout "Audit passed"
# the release counts its complements (the analyst's summary); the file
# never names a rule, which would say how many answered which way
grep -q 'hidden to protect other cells: [1-9]' "$T/out" || fail "no cell hidden as secondary"
expect_status 0 jl --db "$D2" --quiet release export 1 "$T/small"
grep -q ',suppressed,confidential,' "$T/small/cells.csv" || fail "no cell hidden"
if grep -Eq ',suppressed,(small_group|min_count|group_disclosure|secondary),' "$T/small/cells.csv"
then fail "the export names a rule"; fi
expect_status 0 jl audit "$T/small"
expect_stdout "Audit passed"
expect_status 0 jl --db "$DB" --format csv release list
[ "$(wc -l < "$T/out")" = 1 ] || fail "a release in another database is listed"

# Nothing sensitive (one large area, min-count off): stored.
expect_status 0 jl --db "$DB" release create --wave 2024 --division mellanomrade --min-count 1 \
    --title "Small, one area"
expect_stdout "Release 1: Small, one area"
expect_stdout "28 cells: 28 published, 0 hidden."
expect_stdout "too few answers: 0"
expect_stdout "Respondents in hidden cells: 0.0 %"
expect_stdout "Audit passed"
expect_status 0 jl --db "$DB" --format csv release create --wave 2024 --division mellanomrade \
    --min-count 1
grep -q '^2,28,28,0,0,0,0,0,pass' "$T/out" || { cat "$T/out"; fail "the second release's row"; }

expect_status 0 jl --db "$DB" --format csv release list
grep -q '^1,"Small, one area",20[0-9-]*T[0-9:]*Z,2024,mellanomrade,28,0,,$' "$T/out" ||
    { cat "$T/out"; fail "release 1 as listed"; }
expect_status 0 jl --db "$DB" release show 1
expect_stdout "fewest with or without the answer             1"
expect_status 0 jl --db "$DB" --lang sv release show 1
expect_stdout "dolda: för få svar"
expect_stdout "dolda: dold för att skydda andra celler"

# show --format csv is the export's cells.csv; two creates, one cells.csv.
expect_status 0 jl --db "$DB" --format csv release show 1
cp "$T/out" "$T/show1.csv"
expect_status 0 jl --db "$DB" --format csv release show 2
cmp -s "$T/out" "$T/show1.csv" || fail "two creates from the same data differ"
head -1 "$T/show1.csv" | grep -qx 'division,area,wave,grade,sex,scale,kind,cutoff,headline,n,n_scored,k,pct,ci_low,ci_high,norm_pct,norm_source,diff,flag,status,reason,source' ||
    fail "cells.csv header"
grep -q '^mellanomrade,1,2024,T,T,Utagerande,risk,p75,1,60,60,' "$T/show1.csv" || fail "a cell"
grep -q '^city,city,2024,T,T,Utagerande,risk,p75,1,60,60,' "$T/show1.csv" || fail "the city's cell"

# Export: byte-identical twice, readable by the audit, hashes checked.
expect_status 0 jl --db "$DB" release export 1 "$T/e1"
expect_stderr "Release 1 written to"
expect_status 0 jl --db "$DB" --quiet release export 1 "$T/e2"
diff -r "$T/e1" "$T/e2" || fail "two exports differ"
cmp -s "$T/e1/cells.csv" "$T/show1.csv" || fail "show --format csv is not the export's cells.csv"
expect_status 0 jl audit "$T/e1"
expect_stdout "Audit passed"
expect_status 0 jl --db "$DB" --quiet release export 2 "$T/e3"
expect_status 0 jl audit "$T/e3" --earlier "$T/e1"
grep -q '"revision": 1' "$T/e1/manifest.json" || fail "the manifest lacks the wave's revision"
grep -q '"format": "jamlik-release-1"' "$T/e1/manifest.json" || fail "format"
head -1 "$T/e1/areas.csv" | grep -qx 'division,code,name,parent_division,parent_code,base_division,base_codes' ||
    fail "areas.csv header"
grep -qx 'city,city,,,,mellanomrade,1' "$T/e1/areas.csv" || fail "the city as a union of base units"
cp -r "$T/e1" "$T/changed"
sed -i 's/^mellanomrade,1,2024,T,T,Utagerande,risk,p75,1,60,60,/mellanomrade,1,2024,T,T,Utagerande,risk,p75,1,61,60,/' \
    "$T/changed/cells.csv"
expect_status 3 jl audit "$T/changed"
expect_stderr "the file's SHA-256 is"

# Withdraw: listed with its time, refused twice, still an earlier release.
expect_status 0 jl --db "$DB" release withdraw 1
expect_stderr "Release 1 is withdrawn"
expect_status 1 jl --db "$DB" release withdraw 1
expect_stderr "release 1 was withdrawn at"
expect_status 1 jl --db "$DB" release withdraw 9
expect_stderr "no release 9"
expect_status 0 jl --db "$DB" --format csv release list
grep -q '^1,.*,20[0-9-]*T[0-9:]*Z,$' "$T/out" || { cat "$T/out"; fail "withdrawn time"; }
[ "$(wc -l < "$T/out")" = 3 ] || fail "expected two releases listed"
expect_status 0 jl --db "$DB" --quiet release export 1 "$T/e4"
grep -q '"withdrawn": "20' "$T/e4/manifest.json" || fail "the manifest lacks the withdrawn time"

# A corrected wave keeps its releases, and the import says what the
# correction changed (the first 30 respondents kept, 30 removed).
head -31 "$SMALL" > "$T/fixed.csv"
expect_status 0 jl --db "$DB" survey import "$T/fixed.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade --replace
expect_stderr "revision 2: 0 added and 30 removed since revision 1"
expect_status 0 jl --db "$DB" --format csv release list
[ "$(wc -l < "$T/out")" = 3 ] || fail "a replaced wave lost its releases"
# A replace made before jamlik kept what it changed (schema 10): the new
# revision cannot be audited with the old one's releases, and is refused
# by name with the database unchanged.
cp "$DB" "$T/old.db"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM wave_change'); c.commit()" "$T/old.db"
h=$(hash_db "$T/old.db")
expect_status 1 jl --db "$T/old.db" release create --wave 2024 --division mellanomrade --min-count 1
expect_stderr "wave 2024: releases of revisions 1 and 2 are audited together, but no manifest says how many respondents revision 2 added and removed"
[ "$(hash_db "$T/old.db")" = "$h" ] || fail "a refused release changed the database"
# Kept: releases 1 (withdrawn) and 2 of revision 1 are public facts; the
# 30 removed are as large a group as any published, and the release of
# revision 2 passes, with what changed in its manifest.
expect_status 0 jl --db "$DB" release create --wave 2024 --division mellanomrade --min-count 1
expect_stdout "Release 3:"
expect_stdout "Audit passed"
expect_status 0 jl --db "$DB" --quiet release export 3 "$T/e6"
tr -d ' \n' < "$T/e6/manifest.json" | grep -q '"revision":2,"changes":\[{"revision":2,"added":0,"removed":30}\]' ||
    fail "the manifest does not say what the correction changed"
expect_status 0 jl audit "$T/e6" --earlier "$T/e1" --earlier "$T/e3"
expect_stdout "Audit passed"

# The revision: 1 on the first import, 2 after a replace.
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2022 --areas primaromrade,mellanomrade
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2022 --areas primaromrade,mellanomrade --replace
expect_status 0 jl --db "$DB" --format csv release create --wave 2022 --division mellanomrade \
    --min-count 1
expect_status 0 jl --db "$DB" --quiet release export 4 "$T/e5"
grep -q '"revision": 2' "$T/e5/manifest.json" || fail "a replaced wave's revision is not 2"
grep -q '"added": 0' "$T/e5/manifest.json" || fail "the same file again changed nothing"
expect_status 0 jl --db "$DB" release show 4
expect_stdout "2022 (revision 2)"

# The demo (without its own releases, so that this test numbers its
# own): its parent links and waves; a city-level release of two waves and
# two divisions where nothing is sensitive; a wave whose mellanområden
# disagree with the links of its primärområden is refused by name.
expect_status 0 jl --quiet demo --out "$T/demo.db" --no-releases
expect_status 0 jl --db "$T/demo.db" release create --wave 2022,2024 --division stadsomrade \
    --division mellanomrade --min-count 1
expect_stdout "Release 1:"
expect_stdout "1148 cells: 1148 published, 0 hidden."
expect_status 0 jl --db "$T/demo.db" --quiet release export 1 "$T/d1"
expect_status 0 jl audit "$T/d1"
grep -q '^mellanomrade,71,Backa,stadsomrade,4,primaromrade,' "$T/d1/areas.csv" ||
    fail "an area with its parent and base units"
# A named group is an area of its division, the union of its members'
# base units.
expect_status 0 jl --db "$T/demo.db" --quiet areas group create "Norra Hisingen" \
    --division mellanomrade 71 72 73
expect_status 0 jl --db "$T/demo.db" release create --wave 2024 --division stadsomrade \
    --group "Norra Hisingen" --min-count 1
expect_stdout "Release 2:"
expect_status 0 jl --db "$T/demo.db" --quiet release export 2 "$T/d2"
grep -qx 'mellanomrade,Norra Hisingen,,,,primaromrade,402|409|410|412|413|414|415' "$T/d2/areas.csv" ||
    fail "the group as a union of base units"
grep -q '^mellanomrade,Norra Hisingen,2024,T,T,Utagerande,risk,p75,1,' "$T/d2/cells.csv" ||
    fail "the group's cells"
expect_status 0 jl audit "$T/d2" --earlier "$T/d1"
# Indicator tables go in as they are (public statistics, not audited):
# the latest period of a share of counts, and a count over four years
# (moved from SCB's areas by area overlay: estimates, and said so), for
# each division; listed and hashed in the manifest.
expect_status 0 jl --db "$T/demo.db" --quiet release create --wave 2024 --division stadsomrade \
    --min-count 1 --indicator hyresratt_andel --indicator folkmangd@2020..2023
expect_status 0 jl --db "$T/demo.db" release show 3
grep -q '^indicator tables (rows)  *hyresratt_andel (4), folkmangd (16)$' "$T/out" ||
    { cat "$T/out"; fail "release show lacks the indicator tables"; }
expect_status 0 jl --db "$T/demo.db" --quiet release export 3 "$T/d3"
head -1 "$T/d3/indicators.csv" | grep -qx 'indicator,name,unit,division,area,area_name,period,value,status,estimated,source' ||
    fail "indicators.csv header"
[ "$(grep -c '^folkmangd,Folkmängd,personer,stadsomrade,[1-4],.*,202[0-3],[0-9.]*,ok,area_overlay,' "$T/d3/indicators.csv")" = 16 ] ||
    { cat "$T/d3/indicators.csv"; fail "folkmangd's rows"; }
grep -q '"indicators.csv": "[0-9a-f]\{64\}"' "$T/d3/manifest.json" || fail "indicators.csv not hashed"
expect_status 0 jl audit "$T/d3" --earlier "$T/d1" --earlier "$T/d2"
sed -i 's/^folkmangd,Folkmängd,personer,stadsomrade,1,\([^,]*\),2023,[0-9.]*,/folkmangd,Folkmängd,personer,stadsomrade,1,\1,2023,1,/' \
    "$T/d3/indicators.csv"
expect_status 3 jl audit "$T/d3"
expect_stderr "indicators.csv: error: the file's SHA-256 is"
# a malformed figure with a matching hash: named by line and column
sed -i '2s/,2023,[0-9.]*,ok,/,2023,12a,ok,/' "$T/d3/indicators.csv"
python3 - "$T/d3" <<'PY'
import hashlib, json, sys
d = sys.argv[1]
m = json.load(open(d + '/manifest.json'))
m['files']['indicators.csv'] = hashlib.sha256(open(d + '/indicators.csv', 'rb').read()).hexdigest()
json.dump(m, open(d + '/manifest.json', 'w'), indent=2)
PY
expect_status 3 jl audit "$T/d3"
expect_stderr 'indicators.csv:2:'
expect_stderr 'expected a number, found "12a"'
h=$(hash_db "$T/demo.db")
expect_status 2 jl --db "$T/demo.db" release create --wave 2024 --division stadsomrade \
    --indicator --min-n 5
expect_stderr "option --indicator needs a value"
expect_status 2 jl --db "$T/demo.db" release create --wave 2024 --division stadsomrade \
    --indicator folkmangd@2020..2023 --indicator folkmangd@2023
expect_stderr "--indicator folkmangd is given twice"
expect_status 1 jl --db "$T/demo.db" release create --wave 2024 --division stadsomrade \
    --min-count 1 --indicator no_such_indicator
[ "$(hash_db "$T/demo.db")" = "$h" ] || fail "a refused release changed the database"
expect_status 0 jl --db "$T/demo.db" --quiet survey import "$SMALL" \
    --instrument stockholmsenkaten-rise --wave small --date 2023-06-01 --areas primaromrade,mellanomrade
expect_status 1 jl --db "$T/demo.db" release create --wave small --division mellanomrade
expect_stderr "wave small: 60 respondents' coarser area codes disagree with the parent links of their primaromrade area (primaromrade 101 in mellanomrade 1, the links say 35"
