#!/bin/sh
# 002: the command line as people expect it. COMMAND --help (or -h) needs
# no database; a group alone lists its verbs and an unknown verb is named;
# the global options work anywhere on the line; "--" ends the options.
. "$(dirname "$0")/lib.sh"
set -e
cd "$T"
# Help without a database, wherever --help is.
for h in --help -h; do
    expect_status 0 jl --db "$T/nowhere/x.db" profile $h
    expect_stdout "Usage: jamlik profile --wave NAME"
done
expect_status 0 jl survey import --wave 2024 --help --db "$T/nowhere/x.db"
expect_stdout "Usage: jamlik survey import FILE"
expect_status 0 jl --help areas group create
expect_stdout "Usage: jamlik areas group create"
[ ! -e "$T/nowhere" ] && [ ! -e jamlik.db ] || fail "help opened a database"
# A group alone lists its verbs; an unknown verb says which there are.
expect_status 0 jl survey
expect_stdout "survey import"
expect_stdout "survey list"
expect_status 0 jl areas group
expect_stdout "areas group create"
expect_status 0 jl survey --help
expect_stdout "survey list"
expect_status 2 jl survey x
expect_stderr 'jamlik survey: no verb "x"; the verbs are: import, list'
expect_status 2 jl areas frobnicate
expect_stderr 'jamlik areas: no verb "frobnicate"; the verbs are: import, list, show, crosswalk, group'
expect_status 2 jl areas group x
expect_stderr 'the verbs are: create, list'
JAMLIK_LANG=sv expect_status 2 jl survey x
expect_stderr 'jamlik survey: inget verb "x"; verben är: import, list'
[ ! -e jamlik.db ] || fail "a group name opened a database"
expect_status 2 jl frobnicate x
expect_stderr 'unknown command "frobnicate"'

# Global options after the command's words and its own options.
expect_status 0 jl init --db "$T/g.db" --quiet
[ -f "$T/g.db" ] && [ ! -e jamlik.db ] || fail "--db after the command"
[ ! -s "$T/err" ] || fail "--quiet after the command: $(cat "$T/err")"
expect_status 0 jl instrument import "$RISE" --db "$T/g.db" --lang sv
expect_stderr "Importerade instrumentet"
expect_status 0 jl survey import "$SMALL" --instrument stockholmsenkaten-rise --wave 2024 \
    --areas primaromrade,mellanomrade --db="$T/g.db" --quiet
[ ! -s "$T/err" ] || fail "--quiet at the end: $(cat "$T/err")"
expect_status 0 jl survey list --format csv --db "$T/g.db"
expect_stdout "stockholmsenkaten-rise,2024,2024-01-01,60,"
expect_status 0 jl profile --wave 2024 --format=json --division primaromrade --headline --db "$T/g.db"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out" || fail "--format=json not JSON"
expect_status 0 jl --db "$T/g.db" instrument list --lang en --format csv
expect_stdout "id,name,waves,imported_at"
# A global option's value is never an option, as a command's is not.
expect_status 2 jl instrument list --db --quiet
expect_stderr "option --db needs a value, found the option --quiet"
expect_status 2 jl profile --wave 2024 --format
expect_stderr "option --format needs a value"
expect_status 2 jl --db "$T/g.db" profile --wave --format csv
expect_stderr "option --wave needs a value"
expect_status 2 jl instrument list --lang fi --db "$T/g.db"
expect_stderr 'expected --lang sv or en, found "fi"'
# After "--" nothing is a global option: a file may be called --quiet.
cp "$RISE" ./--quiet
expect_status 0 jl instrument check -- --quiet
expect_stderr "--quiet: instrument stockholmsenkaten-rise is usable"
expect_status 0 jl --db "$T/g.db" areas import "$SRC/data/geo/goteborg_stadsomraden.geojson" \
    --division stad --name=--db --quiet
expect_status 0 jl --db "$T/g.db" --format csv areas list
grep -q '^stad,--db,' "$T/out" || fail "--name=--db: $(cat "$T/out")"
# No command has an option of a global option's name: main takes those
# wherever they are, so the command could never see its own.
if grep -nE '\{"(--db|--format|--lang|--quiet|--wide|--help|-q|-h)"' "$SRC"/src/cli/cmd_*.c; then
    fail "a command option has a global option's name"
fi
echo "002-command-line ok"
