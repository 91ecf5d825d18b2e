#!/usr/bin/env python3
"""Writes a city-sized release export for `make bench` (SYNTHETIC numbers
from a fixed seed, not jamlik's generator): 80 primärområden (the base
units) in 20 mellanområden, 5 area groups that overlap both without
nesting, grades 8, 9, gy1, gy2 x sexes K, M x 7 scales x 2 cut-offs, every
total over grade and sex, and only the primary rules applied (small
groups, min_count, group disclosure; no secondary suppression), as
today's profile output would publish it.

With --raw every cell is written as published with its counts (nothing
applied), with group sizes closer to a city's (one primärområde in twelve
with about 4 pupils per grade and sex, most with 15 to 40): the input of
protection, read by bench/protect.c, which applies the primary rules and
secondary suppression itself. --wave W names the
wave and draws its own numbers (the same areas, another seed).

usage: city-release.py OUT [MELLAN] [--raw] [--wave W]
       (MELLAN mellanområden of 4, default 20)
"""
import hashlib
import json
import os
import random
import sys

GRADES = ("8", "9", "gy1", "gy2")
SEXES = ("K", "M")
SCALES = tuple("S%d" % i for i in range(1, 8))
CUTS = ("p75", "p90")


def main():
    args = sys.argv[1:]
    raw = "--raw" in args
    wave = "2024"
    if "--wave" in args:
        wave = args[args.index("--wave") + 1]
        del args[args.index("--wave"):args.index("--wave") + 2]
    args = [a for a in args if a != "--raw"]
    out = args[0]
    nm = int(args[1]) if len(args) > 1 else 20
    rnd = random.Random(18 if wave == "2024" else "city-" + wave)
    base = ["P%02d" % i for i in range(4 * nm)]
    areas = [("primar", b, [b], ("mellan", "M%02d" % (i // 4))) for i, b in enumerate(base)]
    areas += [("mellan", "M%02d" % m, base[4 * m:4 * m + 4], ("", "")) for m in range(nm)]
    for g in range(5):
        # 6 base units from three mellanområden: overlaps each, nests in none
        units = sorted({base[(16 * g + 2 + j) % len(base)] for j in range(6)})
        areas.append(("group", "G%d" % g, units, ("", "")))
    # per base unit x grade x sex: n, and per scale n_scored and k per cut
    micro = {}
    for b in base:
        if raw:
            # pupils per grade and sex in a primärområde: a few very small
            # areas, most of 15 to 40 (a city of about 100,000 pupils'
            # parents; the survey reaches most of a grade)
            size = rnd.choices((4, 8, 15, 25, 40, 60), weights=(1, 2, 3, 3, 2, 1))[0]
        else:
            size = rnd.choice((3, 6, 12, 25, 40))
        for g in GRADES:
            for s in SEXES:
                n = max(0, int(rnd.gauss(size, size / 3)))
                per = []
                for sc in SCALES:
                    ns = n - (rnd.random() < 0.2)
                    ns = max(ns, 0)
                    k75 = sum(rnd.random() < 0.25 for _ in range(ns))
                    k90 = sum(rnd.random() < 0.4 for _ in range(k75))
                    per.append((ns, (k75, k90)))
                micro[(b, g, s)] = (n, per)
    rows = []
    for div, code, units, _ in areas:
        for g in GRADES + ("T",):
            for s in SEXES + ("T",):
                keys = [(u, gg, ss) for u in units for gg in GRADES for ss in SEXES
                        if g in (gg, "T") and s in (ss, "T")]
                n = sum(micro[k][0] for k in keys)
                for i, sc in enumerate(SCALES):
                    ns = sum(micro[k][1][i][0] for k in keys)
                    for c, cut in enumerate(CUTS):
                        k = sum(micro[k2][1][i][1][c] for k2 in keys)
                        reason = ""
                        if raw:
                            pass
                        elif ns < 10:
                            reason = "small_group"
                        elif 1 <= k <= 2 or 1 <= ns - k <= 2:
                            reason = "min_count"
                        elif k == ns:
                            reason = "group_disclosure"
                        if reason:
                            nums = [""] * 6
                        else:
                            pct = repr(100.0 * k / ns) if ns else ""
                            nums = [str(n), str(ns), str(k), pct, "", ""]
                        rows.append(",".join([div, code, wave, g, s, sc, "risk", cut,
                                              "1" if cut == "p75" else "0"] + nums +
                                             ["25", "bench", "", "",
                                              "suppressed" if reason else "ok", reason,
                                              "bench/city-release.py"]))
    os.makedirs(out, exist_ok=True)
    files = {}
    cells = ("division,area,wave,grade,sex,scale,kind,cutoff,headline,n,n_scored,k,pct,"
             "ci_low,ci_high,norm_pct,norm_source,diff,flag,status,reason,source\n" +
             "".join(r + "\n" for r in rows)).encode()
    arows = "".join(",".join([d, c, c, p[0], p[1], "primar", "|".join(u)]) + "\n"
                    for d, c, u, p in areas)
    for name, data in (("cells.csv", cells), ("areas.csv", (
            "division,code,name,parent_division,parent_code,base_division,base_codes\n" +
            arows).encode())):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        files[name] = hashlib.sha256(data).hexdigest()
    manifest = {"format": "jamlik-release-1", "release": 1, "title": "bench city",
                "created": "2026-12-05T00:00:00Z",
                "waves": [{"name": wave, "grade_complete": True, "sex_complete": True}],
                "divisions": ["primar", "mellan"], "groups": ["G%d" % g for g in range(5)],
                "rules": {"min_n": 10, "min_count": 3}, "instrument": {}, "sources": [],
                "files": files}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    print("bench: %d cells, %d suppressed" % (len(rows), sum(",suppressed," in r for r in rows)))


main()
