"""Exact permutation p-values, by enumerating every permutation, for the
convergence tests of jamlik's permutation inference (research/spatial.md
§6.3). Run from the repository root:  python3 tests/reference/spatial/exact.py

Writes, in tests/reference/spatial/:
  lattice3.csv, lattice3-w.csv  a 3 x 3 rook lattice with integer values
  lattice4.csv, lattice4-w.csv  a 4 x 4 queen lattice with integer values
  exact.csv                     case,area,measure,count,total

Integer values and binary weights keep every sum exact, so ties are true
ties. Global (3 x 3, all 9! = 362,880 orders): Moran's I, Geary's C and
Getis-Ord G; sum z^2 and sum x are the same in every order, so I orders
the permutations as sum_ij b_ij z_i z_j does (computed on n z = n x - sum
x, integers), G as sum_ij b_ij x_i x_j and C as sum_ij b_ij (x_i - x_j)^2. Counts: permutations with a statistic >= and
<= the observed one (the identity included). Local (4 x 4): for area i,
the k_i values drawn without replacement from the 15 others decide; Ii >=
observed iff z_i * (sum drawn - sum observed) >= 0; counts over all
C(15, k_i) subsets (order does not change a sum).
"""
import itertools
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def lattice(nx, ny, queen):
    ids = ['c%d' % i for i in range(nx * ny)]
    links = []
    for y in range(ny):
        for x in range(nx):
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    if (dx, dy) == (0, 0) or (not queen and dx and dy):
                        continue
                    u, v = x + dx, y + dy
                    if 0 <= u < nx and 0 <= v < ny:
                        links.append((y * nx + x, v * nx + u))
    return ids, links


def write(name, ids, vals, links):
    with open(os.path.join(HERE, name + '.csv'), 'w') as f:
        f.write('id,x\n')
        for i, v in zip(ids, vals):
            f.write('%s,%d\n' % (i, v))
    with open(os.path.join(HERE, name + '-w.csv'), 'w') as f:
        f.write('from,to,weight\n')
        for a, b in links:
            f.write('%s,%s,1\n' % (ids[a], ids[b]))


rng = random.Random(20261125)
rows = []

# Global, 3 x 3 rook.
ids, links = lattice(3, 3, False)
x = [rng.randint(0, 20) for _ in ids]
write('lattice3', ids, x, links)


def cross(v):
    return sum(v[a] * v[b] for a, b in links)


def geary(v):
    return sum((v[a] - v[b]) ** 2 for a, b in links)


nz = [len(x) * v - sum(x) for v in x]
s_obs, c_obs, g_obs = cross(nz), geary(x), cross(x)
counts = {'moran_ge': 0, 'moran_le': 0, 'geary_ge': 0, 'geary_le': 0, 'g_ge': 0, 'g_le': 0}
total = 0
for p, pz in zip(itertools.permutations(x), itertools.permutations(nz)):
    s, c, g = cross(pz), geary(p), cross(p)
    counts['moran_ge'] += s >= s_obs
    counts['moran_le'] += s <= s_obs
    counts['geary_ge'] += c >= c_obs
    counts['geary_le'] += c <= c_obs
    counts['g_ge'] += g >= g_obs
    counts['g_le'] += g <= g_obs
    total += 1
for k, v in counts.items():
    rows.append(('lattice3', '', k, v, total))

# Local, 4 x 4 queen.
ids, links = lattice(4, 4, True)
x = [rng.randint(0, 30) for _ in ids]
write('lattice4', ids, x, links)
n = len(x)
mean2 = sum(x)  # n * mean: compare n*z_i with 0 in integers
nb = {i: [b for a, b in links if a == i] for i in range(n)}
for i in range(n):
    zi_n = n * x[i] - mean2  # sign of z_i
    obs = sum(x[j] for j in nb[i])
    others = [x[j] for j in range(n) if j != i]
    ge = le = tot = 0
    for comb in itertools.combinations(others, len(nb[i])):
        d = sum(comb) - obs
        tot += 1
        if zi_n > 0:
            ge += d >= 0
            le += d <= 0
        elif zi_n < 0:
            ge += d <= 0
            le += d >= 0
        else:
            ge += 1
            le += 1
    rows.append(('lattice4', ids[i], 'ge', ge, tot))
    rows.append(('lattice4', ids[i], 'le', le, tot))

with open(os.path.join(HERE, 'exact.csv'), 'w') as f:
    f.write('case,area,measure,count,total\n')
    for r in rows:
        f.write('%s,%s,%s,%d,%d\n' % r)
