#!/bin/sh
# 152: permutation inference. p-values converge to the exact values from
# enumerating every permutation (tests/reference/spatial/exact.py: all
# 9! orders of a 3 x 3 lattice for the global statistics, all subsets of
# neighbours for each area of a 4 x 4 lattice), with the shared table and
# with a stream per area; the same seed gives byte-identical results on 1
# and 2 threads; under a random null the folded p averages 1/4.
. "$(dirname "$0")/lib.sh"
set -e
REF="$SRC/tests/reference/spatial"
expect_status 0 jl --format json autocorr "$REF/lattice3.csv" --id id --value x \
    --weights-file "$REF/lattice3-w.csv" --style B --permutations 200000 --seed 7
cp "$T/out" "$T/g.json"
for mode in shared streams; do
    flag=""
    [ $mode = streams ] && flag=--streams
    expect_status 0 jl --format json autocorr "$REF/lattice4.csv" --id id --value x \
        --weights-file "$REF/lattice4-w.csv" --style B --permutations 100000 --seed 11 $flag
    cp "$T/out" "$T/l-$mode.json"
done
python3 - "$REF/exact.csv" "$T/g.json" "$T/l-shared.json" "$T/l-streams.json" <<'PY' || fail "permutation p-values do not converge to the exact ones"
import csv, json, math, sys
exact = {}
for r in csv.DictReader(open(sys.argv[1])):
    exact[(r['case'], r['area'], r['measure'])] = int(r['count']) / int(r['total'])
def near(got, p, R, what):
    tol = 4 * math.sqrt(p * (1 - p) / R) + 2.0 / R
    assert abs(got - p) <= tol, (what, got, p, tol)
g = json.load(open(sys.argv[2]))['meta']
R = 200000
near(g['moran_p_greater'], exact[('lattice3', '', 'moran_ge')], R, 'moran >=')
near(g['moran_p_less'], exact[('lattice3', '', 'moran_le')], R, 'moran <=')
near(g['getis_g_p_greater'], exact[('lattice3', '', 'g_ge')], R, 'G >=')
near(g['getis_g_p_less'], exact[('lattice3', '', 'g_le')], R, 'G <=')
near(g['geary_p_greater'], exact[('lattice3', '', 'geary_ge')], R, 'geary >=')
near(g['geary_p_less'], exact[('lattice3', '', 'geary_le')], R, 'geary <=')
for path in sys.argv[3:]:
    rows = json.load(open(path))['rows']
    assert len(rows) == 16
    for r in rows:
        near(r['p_greater'], exact[('lattice4', r['area'], 'ge')], 100000, (path, r['area'], '>='))
        near(r['p_less'], exact[('lattice4', r['area'], 'le')], 100000, (path, r['area'], '<='))
print('converged')
PY
# A 30 x 30 queen lattice of random values (synthetic), for threads and
# the null.
python3 - "$T" <<'PY'
import random, sys
rng = random.Random(3)
n = 30
with open(sys.argv[1] + '/big.csv', 'w') as f:
    f.write('id,x\n')
    for i in range(n * n):
        f.write('c%d,%r\n' % (i, rng.gauss(0, 1)))
with open(sys.argv[1] + '/big-w.csv', 'w') as f:
    f.write('from,to\n')
    for y in range(n):
        for x in range(n):
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    u, v = x + dx, y + dy
                    if (dx or dy) and 0 <= u < n and 0 <= v < n:
                        f.write('c%d,c%d\n' % (y * n + x, v * n + u))
PY
for flag in "" --streams; do
    expect_status 0 jl --format csv autocorr "$T/big.csv" --id id --value x --weights-file "$T/big-w.csv" \
        --permutations 999 --seed 5 --threads 1 $flag
    cp "$T/out" "$T/t1.csv"
    expect_status 0 jl --format csv autocorr "$T/big.csv" --id id --value x --weights-file "$T/big-w.csv" \
        --permutations 999 --seed 5 --threads 2 $flag
    cmp -s "$T/out" "$T/t1.csv" || fail "1 and 2 threads differ ($flag)"
    python3 - "$T/out" <<'PY' || fail "folded p under the null does not average 1/4 ($flag)"
import csv, sys
p = [float(r['p_folded']) for r in csv.DictReader(open(sys.argv[1]))]
m = sum(p) / len(p)
assert len(p) == 900 and abs(m - 0.25) < 0.02, m
PY
done
# The simulated values' mean and variance agree with the analytical
# conditional moments (research/spatial.md §6.3 d), both ways of drawing;
# averaged over areas only with a stream each (a shared table makes the
# areas' estimates move together).
for flag in "" --streams; do
    expect_status 0 jl --format csv autocorr "$T/big.csv" --id id --value x --weights-file "$T/big-w.csv" \
        --permutations 9999 --seed 8 $flag
    python3 - "$T/out" "$flag" <<'PY' || fail "simulated moments differ from the conditional ones ($flag)"
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
R = 9999
bad_e = bad_v = 0
ratios = []
for r in rows:
    e, v, es, vs = (float(r[k]) for k in ('E_Ii', 'Var_Ii', 'E_sim', 'Var_sim'))
    bad_e += abs(es - e) > 5 * math.sqrt(v / R)
    bad_v += abs(vs / v - 1) > 5 * math.sqrt(2.0 / (R - 1)) * 1.5
    ratios.append(vs / v)
assert bad_e <= 9 and bad_v <= 9, (bad_e, bad_v)
if sys.argv[2] == '--streams':
    assert abs(sum(ratios) / len(ratios) - 1) < 0.01, sum(ratios) / len(ratios)
PY
done
expect_status 0 jl --format json autocorr "$T/big.csv" --id id --value x --weights-file "$T/big-w.csv" \
    --permutations 999 --seed 5 --threads 1
cp "$T/out" "$T/a.json"
expect_status 0 jl --format json autocorr "$T/big.csv" --id id --value x --weights-file "$T/big-w.csv" \
    --permutations 999 --seed 5 --threads 2
cmp -s "$T/out" "$T/a.json" || fail "global permutations differ between 1 and 2 threads"
# Another seed gives other draws.
expect_status 0 jl --format csv autocorr "$T/big.csv" --id id --value x --weights-file "$T/big-w.csv" \
    --permutations 999 --seed 6
cmp -s "$T/out" "$T/t1.csv" && fail "seed 6 gave the same draws as seed 5"
expect_status 2 jl autocorr "$T/big.csv" --id id --value x --weights-file "$T/big-w.csv" --permutations -1
expect_stderr "expected --permutations from 0 to 10000000, found -1"
# The AVX2 paths (four generators at once, four replicates in a register,
# eight areas at once) give the bytes of the baseline ones. Values of 0 or
# more bring G, summed in Moran's pass.
python3 - "$T" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1] + '/big.csv')))
with open(sys.argv[1] + '/pos.csv', 'w') as f:
    f.write('id,x\n')
    for r in rows:
        f.write('%s,%r\n' % (r['id'], float(r['x']) + 5))
PY
for data in big pos; do
    for flag in "" --streams; do
        expect_status 0 jl --format json autocorr "$T/$data.csv" --id id --value x \
            --weights-file "$T/big-w.csv" --permutations 999 --seed 5 $flag
        cp "$T/out" "$T/simd.json"
        export JAMLIK_NO_AVX2=1
        expect_status 0 jl --format json autocorr "$T/$data.csv" --id id --value x \
            --weights-file "$T/big-w.csv" --permutations 999 --seed 5 $flag
        unset JAMLIK_NO_AVX2
        cmp -s "$T/out" "$T/simd.json" || fail "AVX2 and baseline paths differ ($data $flag)"
    done
done
grep -q getis_g_p_greater "$T/simd.json" || fail "no G in the AVX2 comparison"
echo "152-spatial-permutations: ok"
