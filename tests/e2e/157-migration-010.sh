#!/bin/sh
# 157: a database at schema 9 whose release was published with the
# rules' codes (as jamlik wrote them then) opens at schema 10 (or later) with that
# release marked so. Its export names the rules as before; a release
# made now says only "confidential"; and a new release of the same wave
# is audited with the old release's codes as the facts they are: here
# the old release's own code gives a count away (min_count: at least 1),
# which jamlik audit of the old files names.
. "$(dirname "$0")/lib.sh"
set -e
expect_status 0 jl --db "$T/a.db" --quiet instrument import "$RISE"
for w in 2024 2025; do
    expect_status 0 jl --db "$T/a.db" --quiet survey import "$SMALL" \
        --instrument stockholmsenkaten-rise --wave $w --areas primaromrade,mellanomrade
done
expect_status 0 jl --db "$T/a.db" --quiet release create --wave 2024 --division primaromrade
# Back to schema 9: no rule_codes column (the cells keep their rules in
# the database, as they always did).
python3 - "$T/a.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute('ALTER TABLE release DROP COLUMN rule_codes')
db.execute('DROP TABLE IF EXISTS wave_change')  # 011, made since
db.execute('DROP TABLE IF EXISTS release_indicator')  # 012
db.execute('UPDATE schema_version SET version = 9')
db.commit()
PY
expect_status 0 jl --db "$T/a.db" --quiet release export 1 "$T/old"
python3 - "$T/a.db" <<'PY' || fail "not at schema 10 with the old release marked"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute('SELECT version FROM schema_version').fetchone()[0] >= 10
assert db.execute('SELECT id, rule_codes FROM release').fetchall() == [(1, 1)]
PY
grep -q ',suppressed,min_count,' "$T/old/cells.csv" || fail "the old release's export lost its codes"
! grep -q ',confidential,' "$T/old/cells.csv" || fail "the old release's export changed"
# Another wave: a release made now, which names no rule.
expect_status 0 jl --db "$T/a.db" --quiet release create --wave 2025 --division primaromrade
expect_status 0 jl --db "$T/a.db" --quiet release export 2 "$T/new"
grep -q ',suppressed,confidential,' "$T/new/cells.csv" || fail "the new release hides nothing"
! grep -Eq ',suppressed,(small_group|min_count|group_disclosure|secondary),' "$T/new/cells.csv" ||
    fail "the new release names a rule"
# The same wave again: the old codes are facts, and one of them tells
# (alone, the old release leaves a count within [1, 5]); with the new
# release by grade the old one's zeros pin its grades' hidden counts, and
# it is refused, the database unchanged.
h=$(hash_db "$T/a.db")
expect_status 1 jl --db "$T/a.db" release create --wave 2024 --division primaromrade --by grade
[ "$(hash_db "$T/a.db")" = "$h" ] || fail "a refused release changed the database"
expect_status 1 jl audit "$T/old"
grep -q 'old/cells.csv  *13  *primaromrade  *101 .*Community  *p90  *k  *1  *5  *range' "$T/out" ||
    { cat "$T/out" >&2; fail "the old release's own code is not named"; }
echo "157-migration-010: ok"
