#!/bin/sh
# 060: an import killed with SIGKILL in the middle of writing leaves the
# database as it was: the main file byte-identical, the old waves whole,
# the half-written wave nowhere, and the database writable again.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2023 --areas primaromrade,mellanomrade
before=$(hash_db "$DB")
[ ! -e "$DB-wal" ] || [ ! -s "$DB-wal" ] || fail "a WAL was left after a clean close"

# 360,000 synthetic respondents: the small fixture's rows, renumbered.
awk -F, 'NR == 1 { print; next } { rows[NR] = substr($0, index($0, ",")) }
         END { for (k = 0; k < 6000; k++) for (i = 2; i <= NR; i++) print "k" k "-" i rows[i] }' \
    "$SMALL" > "$T/big.csv"

# The import stops itself at its 200th write to the WAL, in the middle of
# writing its transaction (store/faulty.c), and says so in a marker file:
# the kill lands there however busy the machine, never after COMMIT.
JAMLIK_TEST_PAUSE_WAL="200:$T/paused" "$JAMLIK" --db "$DB" --quiet survey import "$T/big.csv" \
    --instrument stockholmsenkaten-rise --wave 2024 --areas primaromrade,mellanomrade \
    > /dev/null 2>&1 &
pid=$!
i=0
while [ ! -s "$T/paused" ]; do
    kill -0 "$pid" 2>/dev/null || fail "the import ended before it reached its pause"
    i=$((i + 1))
    [ "$i" -lt 6000 ] || fail "the import never reached its pause"
    sleep 0.02
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
[ -s "$DB-wal" ] || fail "no WAL: the kill came before anything was written"

[ "$(hash_db "$DB")" = "$before" ] || fail "the killed import changed the main database file"
expect_status 0 jl --db "$DB" --format csv survey list
# The invariant: the database whole, and the wave all there or not at all
# (with the pause, not at all).
[ "$(/usr/bin/python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute('PRAGMA integrity_check').fetchone()[0])")" = ok ] \
    || fail "the database is not whole after the kill"
[ "$(wc -l < "$T/out")" = 2 ] || fail "waves after the kill: $(cat "$T/out")"
expect_stdout "stockholmsenkaten-rise,2023,"
expect_status 0 jl --db "$DB" --format csv profile --wave 2023 --division primaromrade
[ "$(wc -l < "$T/out")" = $((2 * 14 + 1)) ] || fail "the old wave is not whole"
# Writable again, and the interrupted wave can be imported afresh.
expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" --instrument stockholmsenkaten-rise \
    --wave 2024 --areas primaromrade,mellanomrade
echo "060-kill ok"
