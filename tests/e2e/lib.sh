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
# load_regso DB: Göteborg's RegSO 2025 map, SCB's indicator definitions and
# SCB's RegSO statistics 2020-2023 (real, CC0) into DB.
load_regso() {
    expect_status 0 jl --db "$1" --quiet areas import "$SRC/data/geo/goteborg_regso2025.geojson" --division regso2025
    expect_status 0 jl --db "$1" --quiet indicator define "$SRC/data/indicators/scb.indicators"
    expect_status 0 jl --db "$1" --quiet indicator import \
        "$SRC/data/statistics/scb_regso2020_2020_2023_gbg_malmo_hbg.csv" \
        --as wide --division regso2025 --map "$SRC/data/indicators/regso-2020-2023.map"
}
