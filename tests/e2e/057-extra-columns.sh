#!/bin/sh
# 057: a real export carries columns the instrument does not score (other
# questions, weights, comments): they are left aside and named in the
# report, a map can skip: a column, and a map saved as Windows-1252 reads
# like a CSV does. The answers imported are those of the plain file.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2023 --areas primaromrade,mellanomrade
expect_status 0 jl --db "$DB" --format csv scores --wave 2023
sed 's/^[^,]*,//' "$T/out" > "$T/plain"

# Three columns more, written by hand into a copy of the fixture: a comment,
# a weight and a question of another survey.
python3 - "$SMALL" "$T/export.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
out = csv.writer(open(sys.argv[2], 'w', encoding='utf-8'), lineterminator='\n')
out.writerow(['Kommentar'] + rows[0][:5] + ['vikt'] + rows[0][5:] + ['F999'])
for i, r in enumerate(rows[1:]):
    out.writerow(['ingen'] + r[:5] + ['1.25'] + r[5:] + [str(i % 3)])
PY
expect_status 0 jl --db "$DB" survey import "$T/export.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade
expect_stderr "columns not in instrument stockholmsenkaten-rise, left aside (3): Kommentar, vikt, F999"
expect_status 0 jl --db "$DB" --format csv scores --wave 2024
sed 's/^[^,]*,//' "$T/out" > "$T/extra"
cmp -s "$T/plain" "$T/extra" || fail "an import with columns left aside differs from the plain one"

# --strict refuses the first of them, and the database is unchanged.
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" survey import "$T/export.csv" --instrument stockholmsenkaten-rise \
    --wave 2025 --areas primaromrade,mellanomrade --strict
expect_stderr 'export.csv:1:1: error: expected a column of instrument stockholmsenkaten-rise (an item id), id, school, grade, sex or an area division, found "Kommentar"'
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused import changed the database"

# A map that skips the comment and renames a column, saved by Notepad as
# "ANSI" (Windows-1252: the ö of Löpnr is one byte).
sed 's/^id,/Löpnr,/; 1s/,id,/,Löpnr,/' "$T/export.csv" > "$T/export2.csv"
printf 'skip: Kommentar\ncolumn: Löpnr = id\n' | iconv -f UTF-8 -t CP1252 > "$T/ansi.map"
expect_status 0 jl --db "$DB" survey import "$T/export2.csv" --instrument stockholmsenkaten-rise \
    --wave 2025 --areas primaromrade,mellanomrade --map "$T/ansi.map"
expect_stderr "left aside (2): vikt, F999"
expect_stderr "columns skipped by the map: 1"
expect_status 0 jl --db "$DB" --format csv scores --wave 2025
sed 's/^[^,]*,//' "$T/out" > "$T/mapped"
cmp -s "$T/plain" "$T/mapped" || fail "an import through a Windows-1252 map differs"

# A skip: naming a column the file lacks is a map written for another file.
printf 'skip: Kommentar2\n' > "$T/other.map"
expect_status 1 jl --db "$DB" survey import "$T/export.csv" --instrument stockholmsenkaten-rise \
    --wave 2026 --areas primaromrade,mellanomrade --map "$T/other.map"
expect_stderr "other.map:1"
expect_stderr "Kommentar2"
# ... and an empty skip: is a mistake in the map, at its line.
printf 'skip:\n' > "$T/empty.map"
expect_status 1 jl --db "$DB" survey import "$T/export.csv" --instrument stockholmsenkaten-rise \
    --wave 2026 --areas primaromrade,mellanomrade --map "$T/empty.map"
expect_stderr "empty.map:1"
# Sex in the words people write (issue 17): Tjej and Kille are K and M,
# Annat and Vill inte svara are another answer, counted in the totals only.
python3 - "$SMALL" "$T/words.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
i = rows[0].index('sex')
words = {'K': 'Tjej', 'M': 'kille'}
out = csv.writer(open(sys.argv[2], 'w', encoding='utf-8'), lineterminator='\n')
out.writerow(rows[0])
for n, r in enumerate(rows[1:]):
    r[i] = 'Annat' if n == 0 else 'Vill inte svara' if n == 1 else words.get(r[i], r[i])
    out.writerow(r)
PY
expect_status 0 jl --db "$DB" survey import "$T/words.csv" --instrument stockholmsenkaten-rise \
    --wave 2027 --areas primaromrade,mellanomrade
expect_stderr "sex another answer:   2"
# Unknown area codes are listed with their respondents, and a respondent
# whose primärområde lies in another mellanområde than the one answered
# (by the stored parent links) is reported (issue 17).
DB2="$T/parents.db"
expect_status 0 jl --db "$DB2" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB2" --quiet areas import "$SRC/data/geo/goteborg_mellanomraden.geojson" \
    --division mellanomrade
expect_status 0 jl --db "$DB2" --quiet areas import "$SRC/data/geo/goteborg_primaromraden.geojson" \
    --division primaromrade --parent-field mellanomrade_kod --parent-division mellanomrade
python3 - "$SRC/data/examples/goteborg-2024.csv" "$T/parents.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
h = rows[0]
out = csv.writer(open(sys.argv[2], 'w', encoding='utf-8'), lineterminator='\n')
out.writerow(h)
for n, r in enumerate(rows[1:21]):
    if n == 3: r[h.index('mellanomrade')] = '55'       # 409 lies in 71, not 55
    if n in (5, 6): r[h.index('primaromrade')] = '9999' # no such primärområde
    out.writerow(r)
PY
expect_status 0 jl --db "$DB2" --lang en survey import "$T/parents.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --synthetic
expect_stderr "primaromrade: 1 code not yet known to the database (2 respondents)"
expect_stderr "not known (respondents): 9999 (2)"
expect_stderr "respondents whose primaromrade lies in another mellanomrade than they answered, by the stored parent links: 1 (the first: r0004: primaromrade 409, mellanomrade 55)"
echo "057-extra-columns ok"
