#!/bin/sh
# 202: the survey side's named limits (core/limits.h) are refused with
# their name and value, never cut: ids over JL_MAX_ID, more than
# JL_MAX_SCREENS screens, more than JL_MAX_AREA_COLUMNS area columns, an
# area column name over JL_MAX_ID.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
long=$(printf 'x%.0s' $(seq 1 65))
# An item id of 65 bytes.
{ cat "$RISE"; printf '\nitem: %s\ntext: t\ncode: 1 = a\n' "$long"; } > "$T/long-item.instrument"
expect_status 1 jl instrument check "$T/long-item.instrument"
expect_stderr "error: expected an id of at most 64 bytes, found 65 bytes (limit JL_MAX_ID)"
# An instrument id of 65 bytes.
sed "s/^instrument: .*/instrument: $long/" "$RISE" > "$T/long-id.instrument"
expect_status 1 jl instrument check "$T/long-id.instrument"
expect_stderr "long-id.instrument:5:13: error: expected an id of at most 64 bytes, found 65 bytes (limit JL_MAX_ID)"
# 33 screens.
{ cat "$RISE"; for k in $(seq 1 33); do printf '\nscreen: s%d\nlabel: l\nexclude-if: f66c in 4\n' "$k"; done; } \
    > "$T/screens.instrument"
expect_status 1 jl instrument check "$T/screens.instrument"
expect_stderr "error: expected at most 32 screens, found more (limit JL_MAX_SCREENS)"
# 32 screens are fine.
{ cat "$RISE"; for k in $(seq 1 32); do printf '\nscreen: s%d\nlabel: l\nexclude-if: f66c in 4\n' "$k"; done; } \
    > "$T/screens32.instrument"
expect_status 0 jl instrument check "$T/screens32.instrument"

jl --db "$DB" --quiet instrument import "$RISE"
before=$(hash_db "$DB")
# Nine area columns.
awk -F, -v OFS=, '{ if (NR == 1) s = "a1,a2,a3,a4,a5,a6,a7"; else s = "1,1,1,1,1,1,1"; print $0, s }' \
    "$SMALL" > "$T/nine.csv"
expect_status 1 jl --db "$DB" survey import "$T/nine.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade,a1,a2,a3,a4,a5,a6,a7
expect_stderr "nine.csv:1:"
expect_stderr "error: expected at most 8 area columns, found \"a7\" too (limit JL_MAX_AREA_COLUMNS)"
# An area column named with 65 bytes.
awk -F, -v OFS=, -v l="$long" '{ print $0, (NR == 1 ? l : "1") }' "$SMALL" > "$T/longdiv.csv"
expect_status 1 jl --db "$DB" survey import "$T/longdiv.csv" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas "primaromrade,mellanomrade,$long"
expect_stderr "error: expected an area division of at most 64 bytes, found 65 bytes (limit JL_MAX_ID)"
[ "$(hash_db "$DB")" = "$before" ] || fail "a refused import changed the database"
# An instrument saved with CR-only line ends (old Mac editors) reads as
# the same instrument, and a message never echoes a raw CR.
tr '\n' '\r' < "$RISE" > "$T/cr.instrument"
expect_status 0 jl instrument check "$T/cr.instrument"
expect_stderr "50 items, 7 scales"
printf 'instrument: x\rname: X\r\rbad line here\rmore\r' > "$T/cr-bad.instrument"
expect_status 1 jl instrument check "$T/cr-bad.instrument"
expect_stderr 'cr-bad.instrument:4:4: error: expected "key: value", found "bad line here"'
! grep -q "$(printf '\r')" "$T/err" || fail "a raw CR in a message"
echo "202-survey-limits ok"
