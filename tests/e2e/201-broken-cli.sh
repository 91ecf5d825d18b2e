#!/bin/sh
# 201: command lines that would be taken quietly are refused with exit
# status 2 and a reason, before the database is touched.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
jl --db "$DB" --quiet instrument import "$RISE"
before=$(hash_db "$DB")
n=0
usage() {
    expected=$1; shift
    n=$((n + 1))
    expect_status 2 jl --db "$DB" "$@"
    expect_stderr "$expected"
}
usage 'error: option --division needs a value, found an empty one' profile --wave 2024 --division ""
usage 'error: option --division needs a value, found an empty one' profile --wave 2024 --division=
usage 'error: option --wave given twice' profile --wave 2024 --wave 2023
usage 'error: option --division needs a value, found the option --by' profile --wave 2024 --division --by grade
usage 'error: option --wave needs a value' profile --wave
usage 'error: option --synthetic takes no value' survey import x.csv --synthetic=1
usage 'error: unknown option --nope' profile --nope
usage 'error: unexpected argument "b.csv"' survey import a.csv b.csv --instrument x --wave 1
n=$((n + 1))
expect_status 2 jl --db "" survey list
expect_stderr 'error: option --db needs a value, found an empty one'
n=$((n + 1))
expect_status 2 jl --db "$DB" profile $(seq 1 1001)
expect_stderr 'error: expected at most 1000 arguments, found 1001 (limit JL_MAX_ARGS)'
[ "$(hash_db "$DB")" = "$before" ] || fail "a refused command line changed the database"
echo "201: $n command lines refused"
