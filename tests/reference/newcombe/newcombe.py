# Newcombe's hybrid score interval (method 10) of p1 - p2, 95 %, from
# statsmodels 0.13.5 (Debian 12's python3-statsmodels), an implementation
# independent of jamlik's. Run: /usr/bin/python3 newcombe.py > newcombe-statsmodels.csv
import csv
import os

from statsmodels.stats.proportion import confint_proportions_2indep

here = os.path.dirname(os.path.abspath(__file__))
print("k1,n1,k2,n2,diff,lo,hi")
with open(os.path.join(here, "cases.csv")) as f:
    for row in csv.DictReader(f):
        k1, n1, k2, n2 = (int(row[c]) for c in ("k1", "n1", "k2", "n2"))
        lo, hi = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb",
                                            compare="diff", alpha=0.05)
        print("%d,%d,%d,%d,%r,%r,%r" % (k1, n1, k2, n2, k1 / n1 - k2 / n2, float(lo), float(hi)))
