#!/usr/bin/env python3
"""Write goteborg-2024.csv: a SYNTHETIC survey wave for the README's "Use".

Answers are drawn by a fixed-seed generator (not from any real person), so
the file is the same on every run: 720 respondents, 80 in each of nine of
Göteborg's real primärområden (four in Backa, mellanområde 71, and five in
Centrala Tynnered, 55), grades 8 and 9, both sexes, about 5 % of answers
blank. In areas with more socio-economic challenges (Göteborgs Stad's
class, 1 to 6) answers lean towards an item's first codes, so that the
areas differ; nothing else about them is modelled.
Import it with --synthetic, so every output says "syntetiska svar".

Run from this folder: python3 make-wave.py > goteborg-2024.csv
"""
import csv
import json
import random
import sys

rnd = random.Random(20261204)
items = []
for r in csv.DictReader(open('../instruments/sthlmsenk-rasch-items.csv', encoding='utf-8')):
    if r['item'] not in [i for i, _ in items]:
        items.append((r['item'], len(r['categories_sv'].split('|'))))
areas = []
for f in json.load(open('../geo/goteborg_primaromraden.geojson', encoding='utf-8'))['features']:
    p = f['properties']
    if p['mellanomrade_kod'] in ('71', '55'):
        areas.append((p['omrade_kod'], p['mellanomrade_kod'], int(p['gbg_socioekonomisk_omr_kod'])))
areas.sort()
w = csv.writer(sys.stdout, lineterminator='\n')
w.writerow(['id', 'school', 'grade', 'sex', 'primaromrade', 'mellanomrade'] + [i for i, _ in items])
k = 0
for code, parent, cls in areas:
    lean = max(0.0, (4 - cls) * 0.12)
    for j in range(80):
        k += 1
        row = ['r%04d' % k, 'Skola %s%d' % (parent, j % 2 + 1), '8' if j % 4 < 2 else '9',
               'K' if j % 2 else 'M', code, parent]
        for item, ncat in items:
            if rnd.random() < 0.05:
                row.append('')
                continue
            u = min(0.999, rnd.random() ** (1 + lean))
            row.append(str(1 + int(u * ncat)))
        w.writerow(row)
