#!/bin/sh
# 156: a database at schema 5 (made here from migrations 001-005, as the
# jamlik of that time made it) opens at schema 6 with its observations
# whole; observations of an undefined indicator are refused by the store.
. "$(dirname "$0")/lib.sh"
set -e
python3 - "$SRC/src/store/migrations" "$T/v5.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[2])
db.execute('PRAGMA foreign_keys = ON')
db.executescript('CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (0);')
for name in ['001_init.sql', '002_geography.sql', '003_indicators.sql', '004_observation_note.sql',
             '005_observation_source.sql']:
    db.executescript(open(sys.argv[1] + '/' + name).read())
db.execute('UPDATE schema_version SET version = 5')
db.execute("INSERT INTO indicator (id, name, unit, kind, better, source, defined_at) "
           "VALUES ('folk', 'Folkmängd', 'personer', 'count', 'none', 'test', '2026-01-01')")
db.execute("INSERT INTO obs_source (path, imported_at) VALUES ('f.csv', '2026-01-01')")
for i, v in enumerate([10, 20, 30]):
    db.execute("INSERT INTO observation VALUES ('folk', 'd', 'A%d', '2024', 'T', '', ?, 'ok', 1, NULL)" % i, (v,))
db.commit()
PY
expect_status 0 jl --db "$T/v5.db" --format csv indicator list
grep -q '^folk,.*,3,test$' "$T/out" || fail "observations lost: $(cat "$T/out")"
python3 - "$T/v5.db" <<'PY' || fail "not at schema 6 with three observations"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute('SELECT version FROM schema_version').fetchone()[0] >= 6
assert db.execute('SELECT count(*), sum(value) FROM observation').fetchone() == (3, 60.0)
assert 'REFERENCES' not in db.execute("SELECT sql FROM sqlite_master WHERE name = 'observation'").fetchone()[0]
PY
echo "156-migration-006: ok"
