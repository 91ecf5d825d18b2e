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
        --wave 2024 --areas primaromrade,mellanomrade ${STRICT:-}
    expect_stderr "$expected"
    [ "$(hash_db "$DB")" = "$before" ] || fail "$name: database changed"
}
: > "$T/empty.csv"
check empty.csv "empty.csv: error: expected data, found an empty file"
printf '%s\n' "$HDR" > "$T/header-only.csv"
check header-only.csv "header-only.csv:2:1: error: expected at least one respondent"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed "s/,M,/,X,/")" > "$T/bad-sex.csv"
check bad-sex.csv "bad-sex.csv:2:16: error: expected K (girl), M (boy), another answer (annat, ickebinär, vill inte svara) or nothing, found \"X\"; a map's \"value: sex X = K\" (or M, or annat) says what it means"
printf '%s\n%s\n%s\n' "$HDR" "$ROW" "$(echo "$ROW2" | sed 's/^r002,/r001,/')" > "$T/dup.csv"
check dup.csv "dup.csv:3:1: error: expected a unique respondent id, found \"r001\" again (first on line 2)"
# A column the instrument does not know is left aside (a real export has
# many); with --strict it is refused.
printf '%s,extra\n%s,1\n' "$HDR" "$ROW" > "$T/unknown-col.csv"
STRICT=--strict check unknown-col.csv "error: expected a column of instrument stockholmsenkaten-rise (an item id), id, school, grade, sex or an area division, found \"extra\""
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
check bad-grade.csv "error: expected a grade (6, 7, 8, 9, gy1, gy2, gy3) or nothing, found \"10\"; a map's \"value: grade 10 = 8\" says which it is"
printf '%s\n%s,9\n' "$HDR" "$ROW" > "$T/extra-field.csv"
check extra-field.csv "extra-field.csv:2:120: error: expected 56 fields, found 57"
printf '%s\n%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/,[^,]*$//')" "$ROW2" > "$T/short-row.csv"
check short-row.csv "short-row.csv:2:116: error: expected 56 fields, found 55"
printf '%s,f66c\n%s,1\n' "$HDR" "$ROW" > "$T/dup-col.csv"
check dup-col.csv "dup-col.csv:1:289: error: expected each column once, found \"f66c\" again (first in column 7)"
printf '%s\n%s\n' "$(echo "$HDR" | sed 's/^id,/nr,/')" "$ROW" > "$T/no-id.csv"
check no-id.csv "no-id.csv:1:1: error: expected a column \"id\" for the respondent id, found none (columns left aside: nr)"
printf '%s\n%s\n' "$(echo "$HDR" | sed 's/^id,school,/school,/')" "$(echo "$ROW" | sed 's/^r001,//')" > "$T/id-missing.csv"
check id-missing.csv "id-missing.csv:1:1: error: expected a column \"id\" for the respondent id, found none"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/^r001,/,/')" > "$T/empty-id.csv"
check empty-id.csv "empty-id.csv:2:1: error: expected a respondent id, found an empty field"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/,101,1,1,/,101,1,2.5,/')" > "$T/decimal-code.csv"
check decimal-code.csv "decimal-code.csv:2:24: error: expected a code of item f66c (1, 2, 3, 4) or nothing, found \"2.5\""
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/,101,1,1,/,101,1,ja,/')" > "$T/text-code.csv"
check text-code.csv "text-code.csv:2:24: error: expected a code of item f66c (1, 2, 3, 4) or nothing, found \"ja\""
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/,101,1,1,/,101,1,-1,/')" > "$T/neg-code.csv"
check neg-code.csv "neg-code.csv:2:24: error: expected a code of item f66c (1, 2, 3, 4) or nothing, found \"-1\""
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/,9,M,/,gy4,M,/')" > "$T/gy4.csv"
check gy4.csv "gy4.csv:2:14: error: expected a grade (6, 7, 8, 9, gy1, gy2, gy3) or nothing, found \"gy4\"; a map's \"value: grade gy4 = 8\" says which it is"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/,9,M,/,9,F,/')" > "$T/sex-f.csv"
check sex-f.csv "sex-f.csv:2:16: error: expected K (girl), M (boy), another answer (annat, ickebinär, vill inte svara) or nothing, found \"F\""
printf '%s\n%s\n' "$(echo "$HDR" | tr , ';')" "$ROW" > "$T/mixed-sep.csv"
check mixed-sep.csv "mixed-sep.csv:2:1: error: expected 56 fields separated by ';' as in the header, found 1"
printf '\357\273\277' > "$T/bom-only.csv"
check bom-only.csv "bom-only.csv:1:1: error: expected a header line, found none"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/Skola B/Sko"la B/')" > "$T/stray-quote.csv"
check stray-quote.csv "stray-quote.csv:2:9: error: expected a field without quotes or a fully quoted field, found a quote inside an unquoted field"
printf '%s\n%s\n' "$HDR" "$(echo "$ROW" | sed 's/Skola B/"Skola" B/')" > "$T/after-quote.csv"
check after-quote.csv "after-quote.csv:2:13: error: expected a separator or a line end after a closing quote, found other text"
printf '\377\376i\000d\000\n\000' > "$T/utf16.csv"
check utf16.csv "utf16.csv:1:1: error: expected UTF-8, Windows-1252 or Latin-1 text, found UTF-16 (save the file as \"CSV UTF-8\")"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > "$T/png.csv"
check png.csv "png.csv:3:1: error: expected text, found binary data (a NUL byte)"
printf '\037\213\010\000\000\000\000\000' > "$T/gz.csv"
check gz.csv "gz.csv:1:3: error: expected text, found binary data (a NUL byte)"
check nonexistent.csv "nonexistent.csv: error: cannot open the file"
mkdir "$T/dir.csv"
check dir.csv "dir.csv: error: expected a regular file"
# A 16 MB line of one field: refused by position, not by memory.
{ printf '%s\n' "$HDR"; head -c 16000000 /dev/zero | tr '\0' 'x'; printf '\n'; } > "$T/huge-line.csv"
check huge-line.csv "huge-line.csv:2:1: error: expected a field of at most 1 MiB, found a longer one"
[ "$n" -ge 32 ] || fail "only $n cases"

# Refusals that are not about the file, equally without a trace.
expect_status 1 jl --db "$DB" survey import "$SMALL" --instrument nope --wave 2024
expect_stderr 'error: no instrument "nope" in the database'
printf 'column: foo\n' > "$T/bad.map"
expect_status 1 jl --db "$DB" survey import "$SMALL" --instrument stockholmsenkaten-rise --wave 2024 --map "$T/bad.map"
expect_stderr 'bad.map:1:9: error: expected "SOURCE = NAME", found "foo"'
printf 'column: Kön = sex\ncolumn: Skolenhet = school\n' > "$T/other-file.map"
expect_status 1 jl --db "$DB" survey import "$SMALL" --instrument stockholmsenkaten-rise --wave 2024 --map "$T/other-file.map"
expect_stderr "other-file.map:1:9: error: expected a column \"Kön\" in $SMALL as this line renames it, found none"
expect_status 2 jl --db "$DB" survey import "$SMALL" --instrument stockholmsenkaten-rise --wave 2024 --date 2024-13-01
expect_stderr 'error: expected a date YYYY-MM-DD, found "2024-13-01"'
expect_status 2 jl --db "$DB" survey import "$SMALL" --instrument stockholmsenkaten-rise --wave 2023 --date 2023-02-29
expect_stderr 'error: expected a date YYYY-MM-DD, found "2023-02-29"'
[ "$(hash_db "$DB")" = "$before" ] || fail "a refusal changed the database"
# The same wave twice: the second is refused and the first kept whole.
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise --wave 2024 --areas primaromrade,mellanomrade
after=$(hash_db "$DB")
expect_status 1 jl --db "$DB" survey import "$SMALL" --instrument stockholmsenkaten-rise --wave 2024 --areas primaromrade,mellanomrade
expect_stderr 'error: instrument stockholmsenkaten-rise already has a wave named "2024"'
[ "$(hash_db "$DB")" = "$after" ] || fail "a refused second import changed the database"
echo "020: $n broken files refused"
