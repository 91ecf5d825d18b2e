#!/bin/sh
# 150: spatial weights against R spdep 1.2-7 (tests/reference/spatial/
# spatial.R): queen and rook on Columbus, North Carolina, the hand-made
# rook trap cases and Göteborg's DeSO (WGS 84 -> SWEREF 99 TM), k nearest
# neighbours and a distance band; libpysal's edge rule on the trap cases;
# weights written and read back.
. "$(dirname "$0")/lib.sh"
set -e
FX="$SRC/tests/fixtures/spatial"
CHECK="python3 $SRC/tests/reference/spatial/check.py"
w() { # case source id spec [more]
    c=$1 s=$2 i=$3 spec=$4; shift 4
    expect_status 0 jl weights "$s" --id "$i" --weights "$spec" --write-weights "$T/$c.csv" "$@"
    $CHECK weights "$c" "$T/$c.csv" || fail "$c differs from spdep"
}
w columbus_queen "$FX/columbus.shp" POLYID queen --planar
w columbus_rook "$FX/columbus.shp" POLYID rook --planar
w nc_queen "$FX/nc.shp" FIPSNO queen --planar
w nc_rook "$FX/nc.shp" FIPSNO rook --planar
w trap_queen "$FX/rooktrap.geojson" id queen --planar
w trap_rook "$FX/rooktrap.geojson" id rook --planar
w gbg_queen "$SRC/data/geo/goteborg_deso2025.geojson" desokod queen
w gbg_rook "$SRC/data/geo/goteborg_deso2025.geojson" desokod rook
w columbus_knn4 "$FX/columbus.shp" POLYID knn:4 --planar
w columbus_band "$FX/columbus.shp" POLYID band:0.8 --planar
# A lattice: ties at the third-nearest distance, broken as spdep does.
w grid5_knn3 "$FX/grid5.geojson" id knn:3 --planar
w grid5_band1 "$FX/grid5.geojson" id band:1 --planar

# libpysal 4.7.0 (tests/reference/spatial/pysal.py): a shared edge, and
# queen on exactly equal vertices (--snap 0).
for c in columbus:POLYID nc:FIPSNO; do
    f=${c%%:*} id=${c##*:}
    expect_status 0 jl weights "$FX/$f.shp" --id "$id" --weights rook --rook edge --snap 0 --planar \
        --write-weights "$T/e.csv"
    $CHECK pysal "${f}_rook_edge" "$T/e.csv" || fail "$f edge rook differs from libpysal"
    expect_status 0 jl weights "$FX/$f.shp" --id "$id" --weights queen --snap 0 --planar \
        --write-weights "$T/q.csv"
    $CHECK pysal "${f}_queen_exact" "$T/q.csv" || fail "$f exact queen differs from libpysal"
done

# The summary: the areas with most neighbours, islands and parts are named.
expect_status 0 jl weights "$FX/columbus.shp" --id POLYID --weights queen --planar
expect_stdout "Most neighbours (check for slivers): 20 (10) 28 (9) 5 (8)"
expect_status 0 jl weights "$FX/rooktrap.geojson" --id id --weights rook --planar
expect_stdout "3 without neighbours, 7 connected parts"
expect_stdout "Without neighbours (left out of local results): A4 B4 I6"

# libpysal's rook (a shared edge): only B1 of the trap cases
# (research/spatial.md §1.5: B2 has an extra vertex, B3 touches at two
# points, B4 shares part of an edge, A5-B5 one point).
expect_status 0 jl weights "$FX/rooktrap.geojson" --id id --weights rook --rook edge --planar \
    --write-weights "$T/edge.csv"
[ "$(tail -n +2 "$T/edge.csv" | sort | tr '\n' ' ')" = "A1,B1,1 B1,A1,1 " ] ||
    fail "edge rook: $(cat "$T/edge.csv")"

# Row-standardised weights written and read back give the same statistics.
expect_status 0 jl --format csv autocorr "$FX/columbus.shp" --id POLYID --value CRIME \
    --weights queen --planar --write-weights "$T/wq.csv"
cp "$T/out" "$T/direct.csv"
grep -q '^1,2,0.5$' "$T/wq.csv" || fail "row weights: $(head -3 "$T/wq.csv")"
expect_status 0 jl --format csv autocorr "$FX/columbus.shp" --id POLYID --value CRIME \
    --weights-file "$T/wq.csv" --planar
python3 - "$T/direct.csv" "$T/out" <<'PY' || fail "weights read back give other results"
import csv, sys
a = list(csv.reader(open(sys.argv[1])))
b = list(csv.reader(open(sys.argv[2])))
assert len(a) == len(b) == 50 and a[0] == b[0] and a[0][-1] == 'source'
# The last column, source, names the weights: queen, or the file.
for ra, rb in zip(a[1:], b[1:]):
    for x, y in zip(ra[:-1], rb[:-1]):
        try:
            assert abs(float(x) - float(y)) <= 1e-12 * max(1, abs(float(y))), (x, y)
        except ValueError:
            assert x == y, (x, y)
PY

# Bad weights files: positioned errors.
printf 'from,to,weight\n1,2,1\n1,99,1\n' > "$T/bad.csv"
expect_status 1 jl autocorr "$FX/columbus.shp" --id POLYID --value CRIME --weights-file "$T/bad.csv" --planar
expect_stderr "bad.csv:3:3: error: expected an area of the data, found \"99\""
printf 'from,to,weight\n1,2,1\n1,2,1\n' > "$T/dup.csv"
expect_status 1 jl autocorr "$FX/columbus.shp" --id POLYID --value CRIME --weights-file "$T/dup.csv" --planar
expect_stderr "dup.csv:3:1: error: expected each link once, found 1 to 2 again (first on line 2)"
printf 'from,to,weight\n1,2,x\n' > "$T/badw.csv"
expect_status 1 jl autocorr "$FX/columbus.shp" --id POLYID --value CRIME --weights-file "$T/badw.csv" --planar
expect_stderr "badw.csv:2:5: error: expected a weight of 0 or more, found \"x\""
# Columbus has no .prj: without --planar jamlik asks for a CRS.
expect_status 1 jl weights "$FX/columbus.shp" --id POLYID --weights queen
expect_stderr "expected a coordinate reference system"
expect_status 2 jl weights "$FX/columbus.shp" --id POLYID --weights knn:0 --planar
expect_status 2 jl weights "$FX/columbus.shp" --id POLYID --weights hex --planar
expect_stderr "expected --weights queen|rook|knn:K|band:DISTANCE, found hex"
echo "150-spatial-weights: ok"
