#!/bin/sh
# 020: broken survey files are refused with their exact position and the
# database file stays byte-identical. One case per line of cases below:
#   NAME|CONTENT (printf format)|EXPECTED STDERR
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
jl --db "$DB" init 2>/dev/null
jl --db "$DB" instrument import "$RISE" 2>/dev/null
HDR=$(head -1 "$SMALL")
ROW=$(sed -n 2p "$SMALL")
ROW2=$(sed -n 3p "$SMALL")
before=$(hash_db "$DB")
n=0
check() {
    name=$1 expected=$2
    n=$((n + 1))
    expect_status 1 jl --db "$DB" survey import "$T/$name" --instrument stockholmsenkaten-rise \
        --wave 2024 --areas primaromrade,mellanomrade
    expect_stderr "$expected"
    [ "$(hash_db "$DB")" = "$before" ] || fail "$name: database changed"
}
: > "$T/empty.csv"
check empty.csv "empty.csv: error: expected data, found an empty file"
printf '%s\n' "$HDR" > "$T/header-only.csv"
check header-only.csv "header-only.csv:2:1: error: expected at least one respondent"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed "s/,M,/,X,/")" > "$T/bad-sex.csv"
check bad-sex.csv "bad-sex.csv:2:16: error: expected K (girl), M (boy) or nothing, found \"X\""
printf '%s\n%s\n%s\n' "$HDR" "$ROW" "$(echo "$ROW2" | sed 's/^r002,/r001,/')" > "$T/dup.csv"
check dup.csv "dup.csv:3:1: error: expected a unique respondent id, found \"r001\" again (first on line 2)"
printf '%s,extra\n%s,1\n' "$HDR" "$ROW" > "$T/unknown-col.csv"
check unknown-col.csv "error: expected a column of instrument stockholmsenkaten-rise (an item id), id, school, grade, sex or an area division, found \"extra\""
printf '%s\n%s\n' "$(echo "$HDR" | sed 's/,F68$//')" "$(echo "$ROW" | sed 's/,[^,]*$//')" > "$T/missing-col.csv"
check missing-col.csv "missing-col.csv:1:1: error: expected a column for item F68 of instrument stockholmsenkaten-rise, found none"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/,1,\([^,]*\),\([^,]*\)$/,7,\1,\2/; s/,[0-9]*,\([^,]*\),\([^,]*\)$/,9,\1,\2/')" > "$T/bad-code.csv"
check bad-code.csv "error: expected a code of item"
printf '%s\n%s' "$HDR" "$(echo "$ROW" | cut -d, -f1-20)" > "$T/truncated.csv"
check truncated.csv "the file ends in the middle of a record (is it truncated?)"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/Skola B/"Skola B/')" > "$T/unterminated.csv"
check unterminated.csv "unterminated.csv:2:6: error: expected a closing quote"
printf 'id,\000junk\n' > "$T/binary.csv"
check binary.csv "binary.csv:1:4: error: expected text, found binary data (a NUL byte)"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/Skola B/Skola \xc3\xa5\xff/')" > "$T/bad-utf8.csv"
check bad-utf8.csv "bad-utf8.csv:2:13: error: expected UTF-8 text, found the invalid byte 0xFF"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/,8,/,10,/; s/,9,/,10,/')" > "$T/bad-grade.csv"
check bad-grade.csv "error: expected a grade (6, 7, 8, 9, gy1, gy2, gy3) or nothing, found \"10\""
[ "$n" -ge 12 ] || fail "cases"
