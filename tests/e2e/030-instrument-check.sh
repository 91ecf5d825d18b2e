#!/bin/sh
# 030: instrument check reports every problem at once with positions.
. "$(dirname "$0")/lib.sh"
set -e
expect_status 0 jl instrument check "$RISE"
cat > "$T/bad.instrument" <<'EOT'
instrument: demo
name: Demo

item: q1
text: Fråga ett
code: 1 = Nej
code: 2 = Ja
code: x = Kanske

item: q2
code: 1 = Nej

scale: s1
name: Skala
kind: sometimes
model: mean
item: q1
item: q9

cutoff: c1
scale: s1
value: hög
EOT
expect_status 1 jl instrument check "$T/bad.instrument"
expect_stderr "bad.instrument:8:7: error: expected an integer code from 0 to 1000000, found \"x\""
expect_stderr "bad.instrument:10:7: error: item q2 has no text"
expect_stderr "bad.instrument:15:7: error: expected risk, protective or outcome, found \"sometimes\""
expect_stderr "bad.instrument:18:7: error: expected a defined item, found \"q9\""
expect_stderr "bad.instrument:22:8: error: expected a number, found \"hög\""
expect_stderr "bad.instrument:20:1: error: cut-off c1 has no \"source\""

# Re-importing an instrument that has waves: new cut-offs or texts are
# fine; new codes would misread the stored answers and are refused.
DB2="$T/replace.db"
expect_status 0 jl --db "$DB2" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB2" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade
sed 's/^value: 0.4458985794861082$/value: 0.5/' "$RISE" > "$T/newcut.instrument"
expect_status 0 jl --db "$DB2" --quiet instrument import "$T/newcut.instrument"
sed '0,/^code: 4 = Stämmer mycket bra$/s//code: 5 = Stämmer mycket bra/' "$RISE" | \
    sed '0,/^score: 1=0 2=1 3=2 4=3$/s//score: 1=0 2=1 3=2 5=3/' > "$T/newcode.instrument"
h=$(hash_db "$DB2")
expect_status 1 jl --db "$DB2" instrument import "$T/newcode.instrument"
expect_stderr "newcode.instrument: error: instrument stockholmsenkaten-rise already has 1 waves stored by its items and codes, and this file changes them (item f66c codes its answers differently): import it under a new id"
[ "$(hash_db "$DB2")" = "$h" ] || fail "a refused instrument import changed the database"
