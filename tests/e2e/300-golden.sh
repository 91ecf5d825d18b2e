#!/bin/sh
# 300: golden output. Every command of tests/golden/run.sh (every command
# of jamlik help in the three formats, both languages, a dozen refusals)
# writes exactly tests/golden/expected.txt: a refactor must not change a
# byte. A change of output on purpose regenerates the file with
# tools/golden-update.sh, in a commit of its own that lists each change.
. "$(dirname "$0")/lib.sh"
set -e
sh "$SRC/tests/golden/run.sh" > "$T/golden.txt" || fail "tests/golden/run.sh failed"
if ! cmp -s "$SRC/tests/golden/expected.txt" "$T/golden.txt"; then
    diff -u "$SRC/tests/golden/expected.txt" "$T/golden.txt" | head -60 >&2
    fail "output differs from tests/golden/expected.txt (first 60 lines of the diff above);" \
        "if on purpose: sh tools/golden-update.sh BUILD, committed alone with each change listed"
fi
echo "300-golden: ok ($(grep -c '^\$ jamlik' "$T/golden.txt") commands)"
