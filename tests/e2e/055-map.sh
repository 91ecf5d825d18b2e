#!/bin/sh
# 055: a mapping file renames a delivered file's columns and maps its
# codes; the mapped import equals the plain one.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2023 --areas primaromrade,mellanomrade
expect_status 0 jl --db "$DB" --format csv scores --wave 2023
sed 's/^[^,]*,//' "$T/out" > "$T/plain"

# The same answers as a school might deliver them: Swedish column names,
# words for sex and grade, f66c coded 0-3 instead of 1-4, ';' separated.
python3 - "$SMALL" "$T/delivered.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
head = rows[0]
ren = {'id': 'Löpnr', 'school': 'Skola', 'grade': 'Årskurs', 'sex': 'Kön', 'f66c': 'F66C'}
sexw = {'K': 'Flicka', 'M': 'Pojke', '': ''}
out = csv.writer(open(sys.argv[2], 'w', encoding='utf-8'), delimiter=';', lineterminator='\n')
out.writerow([ren.get(h, h) for h in head])
for r in rows[1:]:
    r = dict(zip(head, r))
    r['sex'] = sexw[r['sex']]
    r['grade'] = 'Åk ' + r['grade']
    if r['f66c']:
        r['f66c'] = str(int(r['f66c']) - 1)
    out.writerow([r[h] for h in head])
PY
cat > "$T/delivered.map" <<'MAP'
# Columns of the delivered file and their jamlik names.
column: Löpnr = id
column: Skola = school
column: Årskurs = grade
column: Kön = sex
column: F66C = f66c

value: sex Flicka = K
value: sex Pojke = M
value: grade Åk 8 = 8
value: grade Åk 9 = 9
value: f66c 0 = 1
value: f66c 1 = 2
value: f66c 2 = 3
value: f66c 3 = 4
MAP
expect_status 0 jl --db "$DB" survey import "$T/delivered.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --map "$T/delivered.map" --areas primaromrade,mellanomrade
expect_stderr "separator ';'"
expect_status 0 jl --db "$DB" --format csv scores --wave 2024
sed 's/^[^,]*,//' "$T/out" > "$T/mapped"
cmp -s "$T/plain" "$T/mapped" || fail "mapped import differs from the plain one"

# Without the map the delivered file has no id column (its foreign columns
# are left aside); with --strict it is refused at its first foreign column.
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" survey import "$T/delivered.csv" --instrument stockholmsenkaten-rise \
    --wave 2025 --areas primaromrade,mellanomrade
expect_stderr 'delivered.csv:1:1: error: expected a column "id" for the respondent id, found none (columns left aside: Löpnr, Skola, Årskurs, Kön, F66C)'
expect_status 1 jl --db "$DB" survey import "$T/delivered.csv" --instrument stockholmsenkaten-rise \
    --wave 2025 --areas primaromrade,mellanomrade --strict
expect_stderr 'delivered.csv:1:1: error: expected a column of instrument stockholmsenkaten-rise (an item id), id, school, grade, sex or an area division, found "Löpnr"'
# A value mapped twice is a mistake in the map, reported where it is.
printf 'value: sex Flicka = K\nvalue: sex Flicka = M\n' > "$T/twice.map"
expect_status 1 jl --db "$DB" survey import "$T/delivered.csv" --instrument stockholmsenkaten-rise \
    --wave 2025 --map "$T/twice.map"
expect_stderr 'twice.map:2:8: error: expected each value of a column once, found "sex Flicka" again'
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused import changed the database"
echo "055-map ok"
