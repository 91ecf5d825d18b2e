#!/bin/sh
# 100: areas through GDAL: hand-made polygons (exact areas, holes,
# multipolygons, corners and edges), every broken feature reported, repair,
# CRS rules (Shapefile without .prj), GeoPackage, and the real layers as
# shipped: DeSO in RegSO, primärområden summing to mellanområden.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
GEO="$SRC/tests/fixtures/geo"
DATA="$SRC/data/geo"

# Hand-made shapes in EPSG:3006: areas exact, a point inside each.
expect_status 0 jl --db "$DB" areas import "$GEO/shapes.geojson" --division test --code-field kod \
    --name-field namn --version 1
expect_stderr "Imported 5 areas into division test"
expect_stderr "(GeoJSON, EPSG:3006), 0 repaired"
expect_status 0 jl --db "$DB" --format csv areas list --division test
python3 - "$T/out" <<'PY' || fail "areas of the hand-made shapes"
import csv, sys
want = {'A': 1.0, 'B': 0.96, 'C': 0.5, 'D': 0.25, 'E': 0.25}
rows = {r['code']: r for r in csv.DictReader(open(sys.argv[1]))}
assert set(rows) == set(want), rows.keys()
for c, a in want.items():
    assert abs(float(rows[c]['area_km2']) - a) < 1e-9, (c, rows[c])
    assert 11.9 < float(rows[c]['lon']) < 12.0 and 57.6 < float(rows[c]['lat']) < 57.8, rows[c]
assert rows['B']['name'] == 'Med hål'
PY
# The interior point of the holed square is not in its hole.
expect_status 0 jl --db "$DB" --format json areas show --division test B
grep -q '"code":"B"' "$T/out" || fail "areas show"

# Every broken feature at once, nothing imported.
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" areas import "$GEO/broken.geojson" --division bad --code-field kod
expect_stderr "broken.geojson: feature 1 (code X1): error: self-intersection at 11.953387 57.709954"
expect_stderr "broken.geojson: feature 2 (code X2): error: expected a Polygon or MultiPolygon, found a Point"
expect_stderr "broken.geojson: feature 3 (code -): error: expected a code in field kod, found none"
expect_stderr "broken.geojson: feature 5 (code A): error: expected each code once, found it again (first in feature 4)"
expect_stderr "broken.geojson: 4 problems; nothing imported"
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused import changed the database"
# --repair mends the bow-tie (and says so); the other faults stay faults.
python3 - "$GEO/broken.geojson" "$T/bowtie.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d['features'] = d['features'][:1]
json.dump(d, open(sys.argv[2], 'w'))
PY
expect_status 1 jl --db "$DB" areas import "$T/bowtie.geojson" --division bowtie --code-field kod
expect_status 0 jl --db "$DB" areas import "$T/bowtie.geojson" --division bowtie --code-field kod --repair
expect_stderr "bowtie.geojson: feature 1 (code X1): repaired: self-intersection at 11.953387 57.709954"
expect_stderr "1 repaired"
expect_status 0 jl --db "$DB" --format csv areas list --division bowtie
awk -F, 'NR == 2 && ($4 < 0.4999 || $4 > 0.5001) { exit 1 }' "$T/out" || fail "the repaired bow-tie is two triangles of 0.25 km²"

# Other formats and CRSs through GDAL: a GeoPackage in WGS 84 gives the
# same areas; a Shapefile without .prj is refused unless --crs names one.
ogr2ogr -f GPKG -t_srs EPSG:4326 "$T/shapes.gpkg" "$GEO/shapes.geojson"
expect_status 0 jl --db "$DB" areas import "$T/shapes.gpkg" --division test-gpkg --code-field kod
expect_stderr "(GPKG, EPSG:4326)"
expect_status 0 jl --db "$DB" --format csv areas list --division test-gpkg
awk -F, 'NR > 1 { split("1 0.96 0.5 0.25 0.25", w, " "); d = $4 - w[NR - 1]; if (d < 0) d = -d
         if (d > 1e-6) bad = 1 } END { exit bad }' "$T/out" || fail "areas after a round trip through WGS 84"
ogr2ogr -f "ESRI Shapefile" "$T/shapes.shp" "$GEO/shapes.geojson"
rm "$T/shapes.prj"
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" areas import "$T/shapes.shp" --division shp --code-field kod
expect_stderr "shapes.shp: error: expected a coordinate reference system (a .prj file beside a Shapefile), found none; name it with --crs EPSG:NNNN"
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused Shapefile changed the database"
expect_status 0 jl --db "$DB" areas import "$T/shapes.shp" --division shp --code-field kod --crs EPSG:3006
expect_stderr "(ESRI Shapefile, EPSG:3006)"
expect_status 2 jl --db "$DB" areas import "$T/shapes.shp" --division shp --crs nonsense
expect_stderr 'expected a CRS such as EPSG:3006, found "nonsense"'
printf 'not a map' > "$T/junk.geojson"
expect_status 1 jl --db "$DB" areas import "$T/junk.geojson" --division junk
expect_stderr "junk.geojson: error: expected a map layer GDAL can read"
expect_status 1 jl --db "$DB" areas import "$GEO/shapes.geojson" --division nocode --code-field kommun
expect_stderr 'shapes.geojson: error: expected the code field "kommun", found the fields kod, namn, del'

# Slivers: the same shapes shifted by 20 cm overlap their
# neighbours in thin strips; the crosswalk drops strips under 0.1 % of an
# area and gives each shape weight 1 in its own copy.
python3 - "$GEO/shapes.geojson" "$T/shifted.geojson" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def shift(c):
    return [c[0] + 0.2, c[1]] if isinstance(c[0], (int, float)) else [shift(x) for x in c]
for f in d['features']:
    f['geometry']['coordinates'] = shift(f['geometry']['coordinates'])
json.dump(d, open(sys.argv[2], 'w'))
PY
expect_status 0 jl --db "$DB" --quiet areas import "$T/shifted.geojson" --division shifted --code-field kod
expect_status 0 jl --db "$DB" --format csv areas crosswalk test shifted
[ "$(wc -l < "$T/out")" = 6 ] || fail "sliver pairs kept: $(cat "$T/out")"
for c in A B C D E; do grep -q "^$c,$c,1," "$T/out" || fail "shape $c: $(cat "$T/out")"; done

# The real layers as shipped.
expect_status 0 jl --db "$DB" --quiet areas import "$DATA/goteborg_stadsomraden.geojson" --division stadsomrade
expect_status 0 jl --db "$DB" --quiet areas import "$DATA/goteborg_mellanomraden.geojson" \
    --division mellanomrade --parent-field stadsomrade_kod --parent-division stadsomrade
expect_status 0 jl --db "$DB" --quiet areas import "$DATA/goteborg_primaromraden.geojson" \
    --division primaromrade --parent-field mellanomrade_kod --parent-division mellanomrade
expect_status 0 jl --db "$DB" --quiet areas import "$DATA/goteborg_deso2025.geojson" --division deso2025 \
    --version 2025_v1 --valid-from 2025-01-01
expect_status 0 jl --db "$DB" --quiet areas import "$DATA/goteborg_regso2025.geojson" --division regso2025
expect_status 0 jl --db "$DB" --quiet areas import "$DATA/malmo_delomraden.geojson" --division malmo-delomrade
expect_status 0 jl --db "$DB" --quiet areas import "$DATA/kommuner_gbg_malmo_hbg.geojson" --division kommun
expect_status 0 jl --db "$DB" --format csv areas list
for d in stadsomrade,4 mellanomrade,36 primaromrade,96 deso2025,320 regso2025,147 malmo-delomrade,136 kommun,3; do
    grep -q "^${d%,*},.*,${d#*,},${d#*,}," "$T/out" || fail "division ${d%,*}: $(grep "^${d%,*}," "$T/out")"
done
# A parent code that is not an area of the parent division is refused.
h=$(hash_db "$DB")
expect_status 1 jl --db "$DB" areas import "$DATA/goteborg_primaromraden.geojson" \
    --division primaromrade --parent-field stadsomrade_kod --parent-division mellanomrade
expect_stderr 'error: expected an area of division mellanomrade, found parent code "2"'
[ "$(hash_db "$DB")" = "$h" ] || fail "a refused parent link changed the database"

# Every DeSO 2025 lies in exactly one RegSO, with its whole area.
expect_status 0 jl --db "$DB" --format csv areas crosswalk deso2025 regso2025
expect_stderr "320 pairs for 320 areas; 0 areas lie less than 99 % inside regso2025"
[ "$(awk -F, 'NR > 1 && $3 == 1' "$T/out" | wc -l)" = 320 ] || fail "DeSO -> RegSO weights"
# The primärområden of each mellanområde sum to its area within 0.5 %.
expect_status 0 jl --db "$DB" --format csv areas list --division primaromrade
cp "$T/out" "$T/prim.csv"
expect_status 0 jl --db "$DB" --format csv areas list --division mellanomrade
python3 - "$T/prim.csv" "$T/out" <<'PY' || fail "primärområden do not sum to mellanområden"
import collections, csv, sys
s = collections.defaultdict(float)
for r in csv.DictReader(open(sys.argv[1])):
    s[r['parent']] += float(r['area_km2'])
worst = 0
for r in csv.DictReader(open(sys.argv[2])):
    rel = abs(s[r['code']] - float(r['area_km2'])) / float(r['area_km2'])
    worst = max(worst, rel)
    assert rel <= 0.005, (r['code'], s[r['code']], r['area_km2'])
print(f'36 mellanområden: primärområden sum to within {100 * worst:.4f} %')
PY
# A key table: SCB's DeSO 2018 -> RegSO 2020 (= 2025 for Göteborg).
grep -E '^(kommun_kod|1480)' "$SRC/data/statistics/koppling_deso2018_regso2020_gbg_malmo_hbg.csv" > "$T/key.csv"
expect_status 0 jl --db "$DB" areas crosswalk import "$T/key.csv" --from deso2018 --to regso2025 \
    --from-field deso_2018 --to-field regso_2020_kod
expect_stderr "Crosswalk deso2018 -> regso2025 from"
expect_stderr ": 306 areas"
# Groups: a named cluster of areas.
expect_status 0 jl --db "$DB" areas group create "Norra Hisingen" --division mellanomrade 71 72 73
expect_status 0 jl --db "$DB" --format csv areas group list
grep -q '^Norra Hisingen,mellanomrade,3,71 72 73,$' "$T/out" || fail "group list: $(cat "$T/out")"
expect_status 1 jl --db "$DB" areas group create X --division mellanomrade 71 9999
expect_stderr 'no area "9999" in division mellanomrade'
echo "100-areas ok"
