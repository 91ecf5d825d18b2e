#!/bin/sh
# 041: the README's "Use" section runs as written, in order, on a fresh
# database in an empty folder (with the checkout's data/ beside it), so
# that the README cannot rot: its commands are taken from README.md itself.
. "$(dirname "$0")/lib.sh"
set -e
awk '/^## Use/ { use = 1; next }
     use && /^```sh/ { block = 1; next }
     block && /^```/ { exit }
     block' "$SRC/README.md" > "$T/use.sh"
# Every command line is jamlik's (continuations and comments aside), and
# there are enough of them that the block was found.
n=$(grep -c '^jamlik ' "$T/use.sh" || true)
[ "$n" -ge 15 ] || fail "README Use: $n jamlik lines found"
if grep -vE '^(jamlik |    --|#)' "$T/use.sh"; then
    fail "README Use: a line above is not a jamlik command"
fi
grep -q '^jamlik init$' "$T/use.sh" || fail "README Use does not start a database"
mkdir "$T/bin" "$T/work"
ln -s "$JAMLIK" "$T/bin/jamlik"
ln -s "$SRC/data" "$T/work/data"
cd "$T/work"
PATH="$T/bin:$PATH" sh -e -x "$T/use.sh" > "$T/out" 2> "$T/err" ||
    { tail -20 "$T/err" >&2; fail "README Use stopped at the last command above"; }
[ -f jamlik.db ] || fail "README Use made no jamlik.db"
! grep -q 'error:' "$T/err" || fail "an error: $(grep 'error:' "$T/err")"
# What each step is there to show did happen.
expect_stderr "0 codes not yet known to the database (0 respondents)"
expect_stdout "synthetic answers"
grep -qE '^412 +[^ ].* 8 +K ' "$T/out" || fail "no profile of 412 by grade and sex"
expect_stdout "Priorities for area 412"
expect_stdout "Moran"
echo "041-readme ok ($n commands)"
