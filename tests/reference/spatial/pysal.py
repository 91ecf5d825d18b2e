"""libpysal's contiguity rules as a reference for jamlik's
`--rook edge` (a shared edge) and its exact-vertex queen, made with
Debian's python3-libpysal 4.7.0. Run from the repository root with
Debian's Python:  /usr/bin/python3 tests/reference/spatial/pysal.py
Writes tests/reference/spatial/pysal-weights.csv (case,from,to).
"""
import csv
import os
import warnings

warnings.simplefilter('ignore')
from libpysal.weights import Queen, Rook  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FX = os.path.join(HERE, '..', '..', 'fixtures', 'spatial')

rows = []
for case, shp, idv in (('columbus', 'columbus.shp', 'POLYID'), ('nc', 'nc.shp', 'FIPSNO')):
    for rule, cls in (('rook_edge', Rook), ('queen_exact', Queen)):
        w = cls.from_shapefile(os.path.join(FX, shp), idVariable=idv)
        for i in sorted(w.neighbors, key=str):
            for j in sorted(w.neighbors[i], key=str):
                fmt = lambda v: ('%d' % v) if isinstance(v, float) and v == int(v) else str(v)
                rows.append(('%s_%s' % (case, rule), fmt(i), fmt(j)))
with open(os.path.join(HERE, 'pysal-weights.csv'), 'w', newline='') as f:
    out = csv.writer(f, lineterminator='\n')
    out.writerow(['case', 'from', 'to'])
    out.writerows(rows)
