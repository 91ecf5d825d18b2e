#!/bin/sh
# 220: broken geography inputs (issue 15) are refused with their exact
# message and place, and the database stays byte-identical: map layers
# for areas import (GeoJSON, Shapefile pieces, GeoPackage), key tables for
# areas crosswalk import, weights files, one-row-per-area CSV tables and
# distance bands for weights, autocorr and segregation. Big inputs are
# made here, never committed. One case per call of check:
#   check NAME STATUS EXPECTED-STDERR COMMAND...
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
GEO="$SRC/tests/fixtures/geo"
FX="$SRC/tests/fixtures/spatial"
jl --db "$DB" init 2>/dev/null
jl --db "$DB" --quiet areas import "$GEO/shapes.geojson" --division test --code-field kod
printf 'from_kod,to_kod\nA,A\nB,A\n' > "$T/key-ok.csv"
jl --db "$DB" --quiet areas crosswalk import "$T/key-ok.csv" --from old --to test \
    --from-field from_kod --to-field to_kod
before=$(hash_db "$DB")
n=0
check() {
    name=$1 status=$2 expected=$3
    shift 3
    n=$((n + 1))
    expect_status "$status" jl --db "$DB" "$@"
    expect_stderr "$expected"
    [ "$(hash_db "$DB")" = "$before" ] || fail "$name: database changed"
}
# A GeoJSON FeatureCollection of the polygons given as JSON (one per
# argument), code in "kod", in WGS 84 near Göteborg unless a crs member
# is given with CRS=.
geojson() {
    out=$1
    shift
    python3 - "$out" "$@" <<'PY'
import json, os, sys
feats = []
for i, g in enumerate(sys.argv[2:]):
    feats.append('{"type":"Feature","properties":{"kod":"K%d","namn":"N%d"},"geometry":%s}' % (i + 1, i + 1, g))
crs = os.environ.get('CRS')
head = '{"type":"FeatureCollection",' + ('"crs":%s,' % crs if crs else '')
open(sys.argv[1], 'w').write(head + '"features":[' + ','.join(feats) + ']}')
PY
}
SQ='{"type":"Polygon","coordinates":[[[11.9,57.7],[11.91,57.7],[11.91,57.71],[11.9,57.71],[11.9,57.7]]]}'

# ---- areas import: text, CRS, rings, fields, limits ----
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kod":"A","namn":"G\366teborg"},"geometry":%s}]}' "$SQ" > "$T/latin1-name.geojson"
check latin1-name 1 "latin1-name.geojson: feature 1 (code A): error: expected UTF-8 text in field namn, found the invalid byte 0xF6 at byte 2 (save the layer as UTF-8)" \
    areas import "$T/latin1-name.geojson" --division bad --code-field kod
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kod":"\345s"},"geometry":%s}]}' "$SQ" > "$T/latin1-code.geojson"
check latin1-code 1 "latin1-code.geojson: feature 1: error: expected UTF-8 text in field kod, found the invalid byte 0xE5 at byte 1 (save the layer as UTF-8)" \
    areas import "$T/latin1-code.geojson" --division bad --code-field kod
CRS='{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::99999"}}' geojson "$T/crs-unknown.geojson" "$SQ"
check crs-unknown 1 'crs-unknown.geojson: error: expected a "crs" PROJ knows (such as {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}), found "urn:ogc:def:crs:EPSG::99999"; fix it, or name the CRS with --crs EPSG:NNNN' \
    areas import "$T/crs-unknown.geojson" --division bad --code-field kod
CRS='{"type":"name","properties":{"name":"sweref"}}' geojson "$T/crs-garbage.geojson" "$SQ"
check crs-garbage 1 'found "sweref"; fix it, or name the CRS with --crs EPSG:NNNN' \
    areas import "$T/crs-garbage.geojson" --division bad --code-field kod
CRS='{"type":"name","properties":{"name":"/etc/passwd"}}' geojson "$T/crs-file.geojson" "$SQ"
check crs-file 1 'found "/etc/passwd"; fix it' \
    areas import "$T/crs-file.geojson" --division bad --code-field kod
CRS='{"type":"link","properties":{"href":"http://example.com/crs"}}' geojson "$T/crs-link.geojson" "$SQ"
check crs-link 1 'found one jamlik cannot read; fix it' \
    areas import "$T/crs-link.geojson" --division bad --code-field kod
CRS='{"type":"EPSG","properties":{"code":4000000}}' geojson "$T/crs-epsg.geojson" "$SQ"
check crs-epsg 1 'found EPSG 4000000; fix it' \
    areas import "$T/crs-epsg.geojson" --division bad --code-field kod
geojson "$T/open-ring.geojson" '{"type":"Polygon","coordinates":[[[11.9,57.7],[11.91,57.7],[11.91,57.71],[11.9,57.71]]]}'
check open-ring 1 "open-ring.geojson: feature 1 (code K1): error: polygon 1, ring 1: expected a closed ring (its last point equal to its first), found one from 11.900000 57.700000 to 11.900000 57.710000" \
    areas import "$T/open-ring.geojson" --division bad --code-field kod
geojson "$T/two-points.geojson" '{"type":"Polygon","coordinates":[[[11.9,57.7],[11.91,57.7]]]}'
check two-points 1 "two-points.geojson: feature 1 (code K1): error: polygon 1, ring 1: expected a closed ring of at least 4 points, found 2" \
    areas import "$T/two-points.geojson" --division bad --code-field kod
geojson "$T/open-hole.geojson" '{"type":"Polygon","coordinates":[[[11.9,57.7],[11.91,57.7],[11.91,57.71],[11.9,57.71],[11.9,57.7]],[[11.902,57.702],[11.903,57.702],[11.903,57.703],[11.902,57.703]]]}'
check open-hole 1 "open-hole.geojson: feature 1 (code K1): error: polygon 1, ring 2: expected a closed ring (its last point equal to its first)" \
    areas import "$T/open-hole.geojson" --division bad --code-field kod
geojson "$T/multi-short.geojson" '{"type":"MultiPolygon","coordinates":[[[[11.9,57.7],[11.91,57.7],[11.91,57.71],[11.9,57.7]]],[[[12.0,57.7],[12.01,57.7],[12.0,57.7]]]]}'
check multi-short 1 "multi-short.geojson: feature 1 (code K1): error: polygon 2, ring 1: expected a closed ring of at least 4 points, found 3" \
    areas import "$T/multi-short.geojson" --division bad --code-field kod
geojson "$T/bowtie-point.geojson" '{"type":"Point","coordinates":[11.9,57.7]}' 'null'
check point-and-null 1 "bowtie-point.geojson: feature 2 (code K2): error: expected a polygon, found no geometry" \
    areas import "$T/bowtie-point.geojson" --division bad --code-field kod
expect_stderr "bowtie-point.geojson: feature 1 (code K1): error: expected a Polygon or MultiPolygon, found a Point"
geojson "$T/huge.geojson" '{"type":"Polygon","coordinates":[[[1e300,0],[1.1e300,0],[1e300,1e299],[1e300,0]]]}'
check huge-coordinates 1 "huge.geojson: feature 1 (code K1): error: cannot transform the geometry: Invalid coordinate" \
    areas import "$T/huge.geojson" --division bad --code-field kod
printf '{"type":"FeatureCollection","features":[]}' > "$T/empty.geojson"
check empty-layer 1 'empty.geojson: error: expected the code field "kod", found no fields (the layer is empty)' \
    areas import "$T/empty.geojson" --division bad --code-field kod
check empty-layer-guess 1 'empty.geojson: error: expected a code field, found no fields (the layer is empty); name it with --code-field' \
    areas import "$T/empty.geojson" --division bad
python3 - "$T/long.geojson" "$SQ" <<'PY'
import sys
f = '{"type":"Feature","properties":{"kod":"%s","namn":"%s"},"geometry":%s}'
open(sys.argv[1], 'w').write('{"type":"FeatureCollection","features":[%s,%s]}' % (
    f % ('K' * 200, 'x', sys.argv[2]), f % ('B', 'n' * 600, sys.argv[2])))
PY
check long-code 1 "long.geojson: feature 1: error: expected an area code of at most 128 bytes, found 200 bytes (limit JL_MAX_CODE)" \
    areas import "$T/long.geojson" --division bad --code-field kod
expect_stderr "long.geojson: feature 2 (code B): error: expected an area name of at most 512 bytes, found 600 bytes (limit JL_MAX_NAME)"
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"namn":"x"},"geometry":%s}]}' "$SQ" > "$T/no-code.geojson"
check no-code-value 1 'no-code.geojson: error: expected the code field "kod", found the fields namn' \
    areas import "$T/no-code.geojson" --division bad --code-field kod
# Duplicate codes, found in one pass over 20,000 features (the check
# compared every pair before: 80,000 features took 31.6 s).
python3 - "$T/dups.geojson" <<'PY'
import sys
f = '{"type":"Feature","properties":{"kod":"%s"},"geometry":{"type":"Polygon","coordinates":[[[%f,57.7],[%f,57.7],[%f,57.701],[%f,57.7]]]}}'
fs = [f % ('D%d' % i, 11 + i * 1e-4, 11 + i * 1e-4 + 5e-5, 11 + i * 1e-4, 11 + i * 1e-4) for i in range(20000)]
fs.append(f % ('D17', 13, 13.0001, 13, 13))
open(sys.argv[1], 'w').write('{"type":"FeatureCollection","features":[%s]}' % ','.join(fs))
PY
check duplicate-codes 1 "dups.geojson: feature 20001 (code D17): error: expected each code once, found it again (first in feature 18)" \
    areas import "$T/dups.geojson" --division bad --code-field kod
expect_stderr "dups.geojson: 1 problem; nothing imported"
printf 'not a map' > "$T/junk.geojson"
check not-a-map 1 "junk.geojson: error: expected a map layer GDAL can read (GeoJSON, GeoPackage, Shapefile ...), found none: \`$T/junk.geojson' not recognized as a supported file format" \
    areas import "$T/junk.geojson" --division bad

# Shapefile pieces: no .dbf, no .shx (GDAL's hint to set SHAPE_RESTORE_SHX
# is left out), a .prj PROJ cannot read.
ogr2ogr -f "ESRI Shapefile" "$T/nodbf.shp" "$GEO/shapes.geojson"
rm "$T/nodbf.dbf"
check shp-no-dbf 1 'nodbf.shp: error: expected the code field "kod", found no fields (a Shapefile keeps them in its .dbf: is it missing?)' \
    areas import "$T/nodbf.shp" --division bad --code-field kod
ogr2ogr -f "ESRI Shapefile" "$T/noshx.shp" "$GEO/shapes.geojson"
rm "$T/noshx.shx"
check shp-no-shx 1 "noshx.shp: error: expected a map layer GDAL can read (GeoJSON, GeoPackage, Shapefile ...), found none: Unable to open $T/noshx.shx or $T/noshx.SHX" \
    areas import "$T/noshx.shp" --division bad --code-field kod
if grep -q SHAPE_RESTORE_SHX "$T/err"; then fail "GDAL's configuration hint in the message"; fi
ogr2ogr -f "ESRI Shapefile" "$T/badprj.shp" "$GEO/shapes.geojson"
echo 'PROJCS["nonsense' > "$T/badprj.prj"
check shp-bad-prj 1 "badprj.shp: error: expected a coordinate reference system PROJ knows in $T/badprj.prj, found text it cannot read; name it with --crs EPSG:NNNN" \
    areas import "$T/badprj.shp" --division bad --code-field kod
# A GeoPackage of points.
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kod":"P"},"geometry":{"type":"Point","coordinates":[11.9,57.7]}}]}' > "$T/points.geojson"
ogr2ogr -f GPKG "$T/points.gpkg" "$T/points.geojson"
check gpkg-points 1 "points.gpkg: feature 1 (code P): error: expected a Polygon or MultiPolygon, found a Point" \
    areas import "$T/points.gpkg" --division bad --code-field kod

# ---- division ids ----
check division-empty 2 'error: option --division needs a value, found an empty one' \
    areas import "$GEO/shapes.geojson" --division "" --code-field kod
LONG=$(printf 'd%.0s' $(seq 70))
check division-long 1 'error: expected a division id of at most 64 bytes, found 70 bytes (limit JL_MAX_ID)' \
    areas import "$GEO/shapes.geojson" --division "$LONG" --code-field kod
check parent-division-empty 2 'error: option --parent-division needs a value, found an empty one' \
    areas import "$GEO/shapes.geojson" --division x --code-field kod --parent-field del --parent-division ""
check list-division-empty 2 'error: option --division needs a value, found an empty one' \
    areas list --division ""
check show-division-empty 2 'error: option --division needs a value, found an empty one' \
    areas show --division "" A
check crosswalk-empty 2 'error: expected a division id after areas crosswalk, found an empty one' \
    areas crosswalk "" test
check group-division-empty 2 'error: option --division needs a value, found an empty one' \
    areas group create G --division "" A
check key-from-empty 2 'error: option --from needs a value, found an empty one' \
    areas crosswalk import "$T/key-ok.csv" --from "" --to test --from-field from_kod --to-field to_kod

# ---- crosswalk key tables ----
key() { # NAME EXPECTED [more options]
    kname=$1 kexp=$2
    shift 2
    check "$kname" 1 "$kexp" areas crosswalk import "$T/$kname" --from old --to test \
        --from-field from_kod --to-field to_kod "$@"
}
printf 'from_kod,to_kod\n' > "$T/key-header-only.csv"
key key-header-only.csv "key-header-only.csv:2:1: error: expected rows below the header, found none; the stored crosswalk is kept"
printf 'from_kod,to_kod\nX1,Z\nX2,Q\n' > "$T/key-none-known.csv"
key key-none-known.csv "key-none-known.csv:4:1: error: expected rows to areas of division test, found none (2 rows skipped by --only-known); the stored crosswalk is kept" --only-known
printf 'from_kod,to_kod\nX1,A\nX2,B\nX1,C\n' > "$T/key-dup.csv"
key key-dup.csv 'key-dup.csv:4:1: error: expected each from-code once, found "X1" again (first on line 2)'
printf 'from_kod,to_kod\nX1,A\n,B\n' > "$T/key-empty-from.csv"
key key-empty-from.csv "key-empty-from.csv:3:1: error: expected a from-code, found an empty field"
printf 'from_kod,to_kod\nX1,\n' > "$T/key-empty-to.csv"
key key-empty-to.csv "key-empty-to.csv:2:4: error: expected a to-code, found an empty field"
printf 'from_kod,to_kod\nX1,Z9\n' > "$T/key-unknown.csv"
key key-unknown.csv 'key-unknown.csv:2:4: error: expected an area of division test, found "Z9"'
printf 'from_kod,till\nX1,A\n' > "$T/key-no-column.csv"
key key-no-column.csv 'key-no-column.csv:1:1: error: expected a column "to_kod", found none'
printf 'from_kod,to_kod\nX1\n' > "$T/key-short.csv"
key key-short.csv "key-short.csv:2:1: error: expected 2 fields, found 1"
printf 'from_kod,to_kod\n%s,A\n' "$(printf 'x%.0s' $(seq 130))" > "$T/key-long.csv"
key key-long.csv "key-long.csv:2:1: error: expected a from-code of at most 128 bytes, found 130 bytes (limit JL_MAX_CODE)"
: > "$T/key-empty.csv"
key key-empty.csv "key-empty.csv: error: expected data, found an empty file"
# The crosswalk of key-ok.csv is still there.
expect_status 0 jl --db "$DB" --format csv areas list
grep -q '^old,' "$T/out" || fail "the division of the stored crosswalk is gone"

# ---- weights files ----
wfile() { # NAME EXPECTED
    check "$1" 1 "$2" weights "$FX/columbus.shp" --id POLYID --weights-file "$T/$1" --planar
}
printf 'from,to,weight\n1,2,1\n2,1,1\n1,2,0.5\n' > "$T/w-dup.csv"
wfile w-dup.csv "w-dup.csv:4:1: error: expected each link once, found 1 to 2 again (first on line 2)"
printf 'from,to\n1,2\n3,3\n' > "$T/w-self.csv"
wfile w-self.csv "w-self.csv:3:1: error: expected links between two different areas, found 3 to itself"
printf 'from,to\n1,2\n1,x\n' > "$T/w-unknown.csv"
wfile w-unknown.csv 'w-unknown.csv:3:3: error: expected an area of the data, found "x"'
printf 'from,to,weight\n1,2,-1\n' > "$T/w-negative.csv"
wfile w-negative.csv 'w-negative.csv:2:5: error: expected a weight of 0 or more, found "-1"'
printf 'from,to,weight\n1,2,nan\n' > "$T/w-nan.csv"
wfile w-nan.csv 'w-nan.csv:2:5: error: expected a weight of 0 or more, found "nan"'
printf 'a,b\n1,2\n' > "$T/w-header.csv"
wfile w-header.csv 'w-header.csv:1:1: error: expected the columns from,to (and weight), found "a"'
printf 'from,to,from\n1,2,3\n' > "$T/w-two-from.csv"
wfile w-two-from.csv 'w-two-from.csv:1:9: error: expected each column once, found "from" again (first in column 1)'
printf 'from,to,weight\n1,2\n' > "$T/w-short.csv"
wfile w-short.csv "w-short.csv:2:1: error: expected 3 fields, found 2"
: > "$T/w-empty.csv"
wfile w-empty.csv "w-empty.csv: error: expected data, found an empty file"
printf 'from,to,weight\n' > "$T/w-header-only.csv"
wfile w-header-only.csv "w-header-only.csv:2:1: error: expected links below the header, found none"

# ---- one-row-per-area CSV tables ----
table() { # NAME EXPECTED
    check "$1" 1 "$2" autocorr "$T/$1" --id kod --value v --weights-file "$T/t-links.csv"
}
printf 'from,to\nA,B\nB,A\n' > "$T/t-links.csv"
printf 'kod,v\nA,1\nB,2\nA,3\n' > "$T/t-dup.csv"
table t-dup.csv "t-dup.csv:4:1: error: expected each area once, found A again (first on line 2)"
printf 'kod,v\nA,1\n,2\n' > "$T/t-empty-code.csv"
table t-empty-code.csv "t-empty-code.csv:3:1: error: expected an area code, found an empty field"
printf 'kod,v\nA,1\nB,två\n' > "$T/t-text.csv"
table t-text.csv 't-text.csv:3:3: error: expected a number in column v, found "två"'
printf 'kod,v\nA,1\nB,inf\n' > "$T/t-inf.csv"
table t-inf.csv 't-inf.csv:3:3: error: expected a number in column v, found "inf"'
printf 'id,v\nA,1\n' > "$T/t-no-id.csv"
table t-no-id.csv 't-no-id.csv:1:1: error: expected a column "kod", found none'
printf 'kod,v\n%s,1\n' "$(printf 'k%.0s' $(seq 129))" > "$T/t-long.csv"
table t-long.csv "t-long.csv:2:1: error: expected an area code of at most 128 bytes, found 129 bytes (limit JL_MAX_CODE)"
printf 'kod,v\n"A,1\n' > "$T/t-quote.csv"
table t-quote.csv "t-quote.csv:2:1: error: expected a closing quote"

# ---- segregation tables ----
printf 'school,a,b\nS1,10,5\nS2,3,9\nS1,1,1\n' > "$T/s-dup.csv"
check s-dup.csv 1 "s-dup.csv:4:1: error: expected each unit once, found S1 again (first on line 2)" \
    segregation "$T/s-dup.csv" --unit school --groups a,b

# ---- map layers for weights and autocorr ----
python3 - "$T/values.geojson" <<'PY'
import sys
f = '{"type":"Feature","properties":{"kod":"%s","v":%s},"geometry":{"type":"Polygon","coordinates":[[[%d,0],[%d,0],[%d,1],[%d,1],[%d,0]]]}}'
vals = ['1', '2', '"x"', '4']
fs = [f % ('R%d' % i, v, i, i + 1, i + 1, i, i) for i, v in enumerate(vals)]
open(sys.argv[1], 'w').write('{"type":"FeatureCollection","features":[%s]}' % ','.join(fs))
PY
check layer-text-value 1 'values.geojson: error: feature 3 (code R2): expected a number in field v, found "x"' \
    autocorr "$T/values.geojson" --id kod --value v --weights queen --planar
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kod":"\351"},"geometry":%s}]}' "$SQ" > "$T/w-latin1.geojson"
check layer-latin1-code 1 "w-latin1.geojson: feature 1: error: expected UTF-8 text in field kod, found the invalid byte 0xE9 at byte 1 (save the layer as UTF-8)" \
    weights "$T/w-latin1.geojson" --id kod --weights queen
check layer-open-ring 1 "open-ring.geojson: feature 1 (code K1): error: polygon 1, ring 1: expected a closed ring" \
    weights "$T/open-ring.geojson" --id kod --weights queen
check layer-crs-unknown 1 'crs-unknown.geojson: error: expected a "crs" PROJ knows' \
    weights "$T/crs-unknown.geojson" --id kod --weights queen

# ---- distance bands ----
check band-zero 2 "error: expected band:DISTANCE with a finite distance above 0, found band:0" \
    weights "$T/values.geojson" --id kod --weights band:0 --planar
check band-inf 2 "error: expected band:DISTANCE with a finite distance above 0, found band:inf" \
    weights "$T/values.geojson" --id kod --weights band:inf --planar
# Not a refusal: areas in one row (a height of 0) and a band of 1e-300
# asked calloc for 1e300 grid cells; now a sane grid and no links.
expect_status 0 jl --db "$DB" weights "$T/values.geojson" --id kod --weights band:1e-300 --planar
expect_stdout "4 areas, 0 links"

# ---- segregation ----
printf 'unit,a,b\nU1,1,2\nU2,3,4\n' > "$T/s-units.csv"
printf 'from,to\nU1,U2\nU1,U2\n' > "$T/s-dup.csv"
check seg-dup-link 1 "s-dup.csv:3:1: error: expected each link once, found U1 to U2 again (first on line 2)" \
    segregation "$T/s-units.csv" --unit unit --groups a,b --weights-file "$T/s-dup.csv"
printf 'from,to\nU1,U1\n' > "$T/s-self.csv"
check seg-self-link 1 "s-self.csv:2:1: error: expected links between two different areas, found U1 to itself" \
    segregation "$T/s-units.csv" --unit unit --groups a,b --weights-file "$T/s-self.csv"
printf 'unit,a,b\nU1,1,2\nU2,x,4\n' > "$T/s-text.csv"
check seg-text-count 1 's-text.csv:3: error: unit U2: expected a count of 0 or more in a, found "x"' \
    segregation "$T/s-text.csv" --unit unit --groups a,b

# A loop of parents (test below sub, sub below test) is refused: every walk
# up the links went round and round.
jl --db "$DB" --quiet areas import "$GEO/shapes.geojson" --division sub --code-field kod \
    --parent-field kod --parent-division test
before=$(hash_db "$DB")
check parent-loop 1 'error: expected a parent division that does not lie below test, found sub, whose parent links lead back to test' \
    areas import "$GEO/shapes.geojson" --division test --code-field kod --parent-field kod --parent-division sub

echo "220-broken-geo: $n cases ok"
