# Shared helpers for the end-to-end tests: each test runs the real jamlik
# in a fresh temporary directory.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
SRC=${JL_SRCDIR:?}
RISE="$SRC/data/instruments/stockholmsenkaten-rise.instrument"
SMALL="$SRC/tests/fixtures/rise-small.csv"
export JAMLIK_LANG=en

fail() { echo "FAIL: $*" >&2; exit 1; }
jl() { "$JAMLIK" "$@"; }
# expect_status N CMD...: runs CMD, keeps stdout/stderr in $T/out, $T/err
expect_status() {
    want=$1; shift
    set +e
    "$@" > "$T/out" 2> "$T/err"
    got=$?
    set -e
    [ "$got" = "$want" ] || { cat "$T/err" >&2; fail "exit status $got, want $want: $*"; }
}
expect_stderr() { grep -qF -- "$1" "$T/err" || { cat "$T/err" >&2; fail "stderr lacks: $1"; }; }
expect_stdout() { grep -qF -- "$1" "$T/out" || { head -20 "$T/out" >&2; fail "stdout lacks: $1"; }; }
hash_db() { sha256sum < "$1" | cut -d' ' -f1; }
