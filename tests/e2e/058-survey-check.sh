#!/bin/sh
# 058: a survey file with many problems reports every one at once (up to
# 100, then how many more), for survey import and for survey check, which
# writes nothing; a good file checks clean and is not imported by a check.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2023 --areas primaromrade,mellanomrade
h=$(hash_db "$DB")

# Written by hand from the fixture: a sex "X" on line 3, grade "10" on
# line 5, a short record on line 7 and an id used twice (line 9).
python3 - "$SMALL" "$T/bad.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
h = rows[0]
out = csv.writer(open(sys.argv[2], 'w', encoding='utf-8'), lineterminator='\n')
out.writerow(h)
for n, r in enumerate(rows[1:], start=2):
    if n == 3: r[h.index('sex')] = 'X'
    if n == 5: r[h.index('grade')] = '10'
    if n == 7: r = r[:10]
    if n == 9: r[0] = rows[1][0]
    out.writerow(r)
PY
for verb in check import; do
    expect_status 1 jl --db "$DB" survey $verb "$T/bad.csv" --instrument stockholmsenkaten-rise \
        --wave 2024 --areas primaromrade,mellanomrade
    expect_stderr 'bad.csv:3:16: error: expected K (girl), M (boy), another answer'
    expect_stderr 'bad.csv:5:14: error: expected a grade'
    expect_stderr 'bad.csv:7:'
    expect_stderr 'bad.csv:9:1: error: expected a unique respondent id'
    expect_stderr 'bad.csv: 4 problems'
    [ "$(hash_db "$DB")" = "$h" ] || fail "survey $verb of a bad file changed the database"
done

# 130 bad rows: the first 100 listed, the rest counted.
python3 - "$SMALL" "$T/many.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
h = rows[0]
out = csv.writer(open(sys.argv[2], 'w', encoding='utf-8'), lineterminator='\n')
out.writerow(h)
for k in range(130):
    r = list(rows[1 + k % 60])
    r[0] = 'x%d' % k
    r[h.index('sex')] = 'X'
    out.writerow(r)
PY
expect_status 1 jl --db "$DB" survey check "$T/many.csv" --instrument stockholmsenkaten-rise \
    --areas primaromrade,mellanomrade
[ "$(grep -c 'error: expected K (girl)' "$T/err")" = 100 ] || fail "expected 100 problems listed"
expect_stderr 'many.csv: and 30 more problems'
expect_stderr 'many.csv: 130 problems'

# A good file: no problems, and a check imports nothing.
expect_status 0 jl --db "$DB" survey check "$SMALL" --instrument stockholmsenkaten-rise \
    --areas primaromrade,mellanomrade
expect_stderr 'no problems: 60 respondents read, 60 would be imported'
[ "$(hash_db "$DB")" = "$h" ] || fail "survey check changed the database"
# A Windows-1252 file read as UTF-8 on purpose: the error says what the
# bytes are and what to do (issue 17).
iconv -f UTF-8 -t CP1252 "$SMALL" | sed '2s/Skola B/Skola \xc5/' > "$T/ansi.csv"
expect_status 1 jl --db "$DB" --lang en survey check "$T/ansi.csv" --instrument stockholmsenkaten-rise \
    --areas primaromrade,mellanomrade --encoding utf-8
expect_stderr 'error: expected UTF-8 text, found the invalid byte 0xC5: the file reads as Windows-1252'
expect_stderr 'or for a survey file give --encoding cp1252'
expect_status 0 jl --db "$DB" survey check "$T/ansi.csv" --instrument stockholmsenkaten-rise \
    --areas primaromrade,mellanomrade --encoding cp1252
echo "058-survey-check ok"
