#!/bin/sh
# Regenerates the golden output (tests/golden/expected.txt) from a build:
#   sh tools/golden-update.sh build
# tests/e2e/300-golden.sh checks that every command of
# tests/golden/run.sh still writes exactly this output.
#
# Only for a change that alters output ON PURPOSE. Regenerate the file in
# a commit of its own, after the change, whose message lists each change
# to the output and why (for example "profile: the flag column is now
# 'high'/'low' in --lang en"), so that a reviewer can read the diff of
# expected.txt against that list; nothing else belongs in that commit.
# A refactor must never need this script: if 300-golden.sh fails after
# one, the refactor changed output.
set -eu
[ $# -eq 1 ] || { echo "usage: sh tools/golden-update.sh BUILDDIR" >&2; exit 2; }
src=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$1" && pwd)/jamlik
[ -x "$bin" ] || { echo "no jamlik in $1" >&2; exit 2; }
tmp="$src/tests/golden/expected.txt.new"
trap 'rm -f "$tmp"' EXIT
JAMLIK=$bin JL_SRCDIR=$src sh "$src/tests/golden/run.sh" > "$tmp"
# A second run must give the same bytes, or the output is not golden.
JAMLIK=$bin JL_SRCDIR=$src sh "$src/tests/golden/run.sh" | cmp -s - "$tmp" ||
    { echo "two runs differ: something in the output is not deterministic" >&2; exit 1; }
if [ -f "$src/tests/golden/expected.txt" ] && cmp -s "$tmp" "$src/tests/golden/expected.txt"; then
    echo "tests/golden/expected.txt unchanged"
else
    mv "$tmp" "$src/tests/golden/expected.txt"
    echo "tests/golden/expected.txt rewritten ($(wc -c < "$src/tests/golden/expected.txt") bytes);" \
        "commit it alone, listing each change"
fi
