#!/bin/sh
# 200: --db pointing at what is not a jamlik database is refused before
# anything is written: the file stays byte-identical (and is not switched
# to WAL), no jamlik tables appear in it, and init that fails leaves no
# file. One case per check below.
. "$(dirname "$0")/lib.sh"
set -e
n=0
# check FILE EXPECTED [nocreate]: a reading, a writing and (unless the
# third argument is given) a creating command are refused with EXPECTED,
# and FILE is unchanged.
check() {
    f=$1 expected=$2
    n=$((n + 1))
    before=$(hash_db "$f")
    expect_status 1 jl --db "$f" survey list
    expect_stderr "$expected"
    expect_status 1 jl --db "$f" survey import "$SMALL" --instrument stockholmsenkaten-rise --wave 2024
    expect_stderr "$expected"
    if [ $# -lt 3 ]; then
        expect_status 1 jl --db "$f" instrument import "$RISE"
        expect_stderr "$expected"
    fi
    [ "$(hash_db "$f")" = "$before" ] || fail "$f: changed"
    [ ! -e "$f-wal" ] || [ ! -s "$f-wal" ] || fail "$f: a WAL was written"
}
mkpy() { /usr/bin/python3 -c "$1"; }

: > "$T/empty.db"
check "$T/empty.db" "empty.db: error: expected a jamlik database, found an empty file: create one with \"jamlik init\"" nocreate
printf 'id,name\n1,a\n' > "$T/text.db"
check "$T/text.db" "text.db: error: expected a jamlik database, found a file that is not a SQLite database"
head -c 4096 /dev/urandom > "$T/random.db"
check "$T/random.db" "random.db: error: expected a jamlik database, found a file that is not a SQLite database"
mkpy "import sqlite3; c = sqlite3.connect('$T/other.db'); c.execute('CREATE TABLE t (x)'); c.execute('INSERT INTO t VALUES (1)'); c.commit()"
check "$T/other.db" "other.db: error: expected a jamlik database, found another program's SQLite database (1 tables, none of them jamlik's schema_version)"
mkpy "import sqlite3; c = sqlite3.connect('$T/gpkg.gpkg'); c.execute('PRAGMA application_id = 1196444487'); c.execute('CREATE TABLE gpkg_contents (table_name TEXT)'); c.commit()"
check "$T/gpkg.gpkg" "gpkg.gpkg: error: expected a jamlik database, found a GeoPackage (a map layer: import it with \"areas import\")"
mkpy "import sqlite3; c = sqlite3.connect('$T/app.db'); c.execute('PRAGMA application_id = 305419896'); c.execute('CREATE TABLE schema_version (version INTEGER)'); c.commit()"
check "$T/app.db" "app.db: error: expected a jamlik database, found another program's SQLite database (application id 0x12345678)"
# A newer jamlik's database, in rollback-journal mode as a copy may be.
jl --db "$T/new.db" init 2>/dev/null
mkpy "import sqlite3; c = sqlite3.connect('$T/new.db'); c.execute('PRAGMA journal_mode = DELETE'); c.execute('UPDATE schema_version SET version = 99'); c.commit()"
check "$T/new.db" "new.db: error: the database has schema version 99, newer than this jamlik knows"
[ "$(mkpy "import sqlite3; print(sqlite3.connect('$T/new.db').execute('PRAGMA journal_mode').fetchone()[0])")" = delete ] \
    || fail "new.db: switched to WAL"
mkdir "$T/folder"
n=$((n + 1))
expect_status 1 jl --db "$T/folder" survey list
expect_stderr "folder: error: expected a database file, found a folder (give --db FOLDER/jamlik.db)"
expect_status 1 jl --db "$T/folder" init
expect_stderr "folder: error: expected a database file, found a folder"
n=$((n + 1))
expect_status 1 jl --db "$T/nowhere/x.db" init
expect_stderr "x.db: error: cannot open the database"
[ ! -e "$T/nowhere" ] || fail "init made a folder"
n=$((n + 1))
expect_status 1 jl --db "$T/missing.db" survey list
expect_stderr "missing.db: error: no database here"
[ ! -e "$T/missing.db" ] || fail "a reader created the database"
# A full output: said, status 1.
n=$((n + 1))
jl --db "$T/ok.db" init 2>/dev/null
jl --db "$T/ok.db" --quiet instrument import "$RISE"
set +e
jl --db "$T/ok.db" instrument show stockholmsenkaten-rise > /dev/full 2> "$T/err"
st=$?
set -e
[ "$st" = 1 ] || fail "full output: status $st"
expect_stderr "error: could not write the output: No space left on device"
# init (or a command that creates) on an empty file makes it a database;
# a jamlik database is marked.
n=$((n + 1))
expect_status 0 jl --db "$T/empty.db" init
[ "$(mkpy "import sqlite3; print(sqlite3.connect('$T/empty.db').execute('PRAGMA application_id').fetchone()[0])")" = 1246513483 ] \
    || fail "no application id"
echo "200: $n refusals of what is not a jamlik database"
