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
