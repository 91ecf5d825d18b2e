"""Compares jamlik's output with the spdep reference values in this folder.

  check.py weights CASE OUT.csv        an edge list written by --write-weights
  check.py stats CASE OUT.json         autocorr --format json
  check.py pysal CASE OUT.csv          an edge list against libpysal (pysal.py)

Edge lists must match exactly (as sets of from,to); statistics to 1e-10
relative or 1e-12 absolute, normal p-values to 1e-8 relative
(research/spatial.md §6.3); quadrant labels exactly.
"""
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def close(a, b, rel):
    a, b = float(a), float(b)
    return abs(a - b) <= 1e-12 or abs(a - b) <= rel * abs(b)


def weights(case, path, ref_file='weights.csv'):
    ref = {(r['from'], r['to']) for r in csv.DictReader(open(os.path.join(HERE, ref_file)))
           if r['case'] == case}
    got = {(r['from'], r['to']) for r in csv.DictReader(open(path))}
    assert ref, case
    if ref != got:
        sys.exit('%s: %d links only in spdep %s, %d only in jamlik %s' % (
            case, len(ref - got), sorted(ref - got)[:5], len(got - ref), sorted(got - ref)[:5]))
    print('%s: %d links equal' % (case, len(ref)))


GLOBAL = {
    'n': None, 'S0': None, 'S1': None, 'S2': None,
    'moran_I': 'moran_value', 'moran_E': 'moran_expectation',
    'moran_var_rand': 'moran_variance_randomisation', 'moran_var_norm': 'moran_variance_normality',
    'moran_z_rand': 'moran_z_randomisation', 'moran_z_norm': 'moran_z_normality',
    'moran_p_rand': 'moran_p_randomisation', 'moran_p_norm': 'moran_p_normality',
    'geary_C': 'geary_value',
    'geary_var_rand': 'geary_variance_randomisation', 'geary_var_norm': 'geary_variance_normality',
    'geary_z_rand': 'geary_z_randomisation', 'geary_z_norm': 'geary_z_normality',
    'geary_p_rand': 'geary_p_randomisation', 'geary_p_norm': 'geary_p_normality',
    'G': 'getis_g_value', 'G_E': 'getis_g_expectation', 'G_var': 'getis_g_variance_normality',
    'G_z': 'getis_g_z_normality', 'G_p': 'getis_g_p_normality',
}
LOCAL = {'Ii': 'Ii', 'E': 'E_Ii', 'V': 'Var_Ii', 'Z': 'Z_Ii', 'P': 'p_norm', 'Gi': 'Gi_z',
         'Gistar': 'Gistar_z', 'P_fdr': 'p_fdr'}


def stats(case, path):
    doc = json.load(open(path))
    meta = doc['meta']
    rows = {r['area']: r for r in doc['rows']}
    n = 0
    for r in csv.DictReader(open(os.path.join(HERE, 'stats.csv'))):
        if r['case'] != case:
            continue
        m = r['measure']
        if r['area'] == '':
            if GLOBAL.get(m) is None:
                continue
            got, rel = meta[GLOBAL[m]], 1e-8 if '_p_' in m or m.endswith('_p') else 1e-10
        elif m == 'quad':
            got = rows[r['area']]['quadrant']
            if got != r['value']:
                sys.exit('%s %s: quadrant %s, spdep %s' % (case, r['area'], got, r['value']))
            n += 1
            continue
        else:
            got, rel = rows[r['area']][LOCAL[m]], 1e-8 if m.startswith('P') else 1e-10
        if not close(got, r['value'], rel):
            sys.exit('%s %s %s: jamlik %r, spdep %s' % (case, r['area'], m, got, r['value']))
        n += 1
    assert n > 0, case
    print('%s: %d values equal' % (case, n))


if __name__ == '__main__':
    if sys.argv[1] == 'pysal':
        weights(sys.argv[2], sys.argv[3], 'pysal-weights.csv')
    else:
        {'weights': weights, 'stats': stats}[sys.argv[1]](sys.argv[2], sys.argv[3])
