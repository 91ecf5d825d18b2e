#!/usr/bin/env python3
"""Writes deep and large seed inputs for the fuzz targets, at build time
(never committed): OUTDIR/TARGET/NAME for every TARGET named. The
committed seeds in fuzz/corpus/ are small; these reach the depth and size
limits (core/limits.h) that a fuzzer growing inputs from small ones never
gets to. make test replays them; make fuzz starts from them.

Usage: seeds.py OUTDIR TARGET..."""
import os
import sys

FIELD_MAX = 1 << 20       # JL_CSV_FIELD_MAX
FIELDS_MAX = 10000        # JL_CSV_FIELDS_MAX
KV_VALUE_MAX = 1 << 20    # JL_MAX_KV_VALUE


def csv():
    yield 'many-fields.csv', (','.join('c%d' % i for i in range(FIELDS_MAX + 1)) + '\n').encode()
    yield 'fields-at-limit.csv', (','.join('c%d' % i for i in range(FIELDS_MAX)) + '\n1\n').encode()
    yield 'long-field.csv', b'a,b\n' + b'x' * (FIELD_MAX + 1) + b',1\n'
    yield 'long-quoted.csv', b'a,b\n"' + b'x' * (FIELD_MAX + 1) + b'",1\n'
    yield 'many-lines.csv', b'a,b\n' + b'1,2\n' * 100000
    yield 'cr-only.csv', b'a,b\r1,2\r3,4\r'
    yield 'quotes.csv', b'a\n' + b'"' + b'""' * 100000 + b'"\n'


def instrument():
    head = b'instrument: deep\nname: Deep\n\nitem: q1\ntext: a\n'
    yield 'continuations.instrument', head + b' more\n' * 200000
    yield 'long-value.instrument', head + (b' ' + b'y' * 1000 + b'\n') * (KV_VALUE_MAX // 1000 + 2)
    yield 'cr-only.instrument', b'instrument: cr\rname: CR\r\ritem: q1\rtext: a\r'
    yield 'many-items.instrument', b'instrument: many\nname: M\n\n' + b''.join(
        b'item: q%d\ntext: t\ncodes: 1=a, 2=b\n\n' % i for i in range(2001))


def mapping():
    yield 'long-key.map', b'column: ' + b'k' * 5000 + b' = id\n'
    yield 'many-values.map', b''.join(b'value: sex %d = K\n' % i for i in range(50000))
    yield 'cr-only.map', b'column: a = id\rvalue: sex F = K\r'


def opt():
    yield 'many-args', b'\0'.join([b'x'] * 1001)
    yield 'many-options', b'\0'.join([b'--wave', b'1'] * 600)
    yield 'long-arg', b'--division=' + b'd' * 100000
    yield 'all-dashes', b'\0'.join([b'--'] * 2000)


def wfile():
    yield 'many-links.csv', b'from,to,weight\n' + b''.join(
        b'%d,%d,%d\n' % (a, b, a + b) for a in range(1, 6) for b in range(1, 6) if a != b) * 20000
    yield 'dup-late.csv', b'from,to\n' + b'1,2\n2,3\n' * 1 + b'3,4\n' * 2
    yield 'huge-weights.csv', b'from,to,weight\n1,2,1e308\n2,1,1e-320\n3,4,nan\n'
    yield 'wide-header.csv', (','.join('c%d' % i for i in range(FIELDS_MAX - 3)) + ',from,to,weight\n').encode()


def table():
    yield 'many-rows.csv', b'kod,v,w\n' + b''.join(b'K%d,%d,%d.5\n' % (i, i, i) for i in range(200000))
    yield 'dup-last.csv', b'kod,v,w\n' + b''.join(b'K%d,1,2\n' % i for i in range(100000)) + b'K7,1,2\n'
    yield 'long-code.csv', b'kod,v\n' + b'k' * 129 + b',1\n' + b'k' * 128 + b',1\n'
    yield 'numbers.csv', b'kod,v,w\nA,1e308,-1e308\nB,1e309,0\nC,NaN,inf\nD,0x10,1,5\n'


def xwkey():
    head = b'kommun_kod,kommun_namn,deso_2018,regso_2020_namn,regso_2020_kod\n'
    yield 'many-rows.csv', head + b''.join(
        b'1480,G,1480C%05d,R,1480R001\n' % i for i in range(200000))
    yield 'dup-last.csv', head + b''.join(
        b'1480,G,1480C%05d,R,1480R001\n' % i for i in range(50000)) + b'1480,G,1480C00007,R,A\n'
    yield 'header-only.csv', head
    yield 'all-unknown.csv', head + b'1480,G,X,R,Z\n' * 1000


def _features(n, ring, code=lambda i: 'K%d' % i, crs=None):
    """A FeatureCollection of n features with ring(i) as the outer ring."""
    out = ['{"type":"FeatureCollection",']
    if crs:
        out.append('"crs":%s,' % crs)
    out.append('"features":[')
    out.append(','.join('{"type":"Feature","properties":{"kod":"%s"},"geometry":{"type":"Polygon",'
                        '"coordinates":[%s]}}' % (code(i), ring(i)) for i in range(n)))
    out.append(']}')
    return ''.join(out).encode()


def _square(x, y, d):
    return '[[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f],[%.5f,%.5f]]' % (
        x, y, x + d, y, x + d, y + d, x, y + d, x, y)


def geojson():
    import math
    sq = lambda i: _square(11 + (i % 400) * 1e-3, 57 + (i // 400) * 1e-3, 9e-4)
    yield 'features-80000.geojson', _features(80000, sq)
    yield 'dup-codes.geojson', _features(20000, sq, code=lambda i: 'D%d' % (i % 19999))
    circle = '[' + ','.join('[%.7f,%.7f]' % (12 + 0.01 * math.cos(2 * math.pi * k / 100000),
                                             57.7 + 0.01 * math.sin(2 * math.pi * k / 100000))
                            for k in range(100000)) + ',[12.01,57.7]]'
    yield 'ring-100000.geojson', _features(1, lambda i: circle)
    yield 'huge-coords.geojson', _features(3, lambda i: _square(1e300 * (i + 1), 1e300, 1e299))
    yield 'nan-coords.geojson', _features(1, lambda i: '[[NaN,1],[2,2],[3,1],[NaN,1]]')
    yield 'crs-unknown.geojson', _features(2, sq, crs='{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::99999"}}')
    yield 'crs-late.geojson', _features(2, sq)[:-1] + b',"crs":{"type":"name","properties":{"name":"EPSG:3006"}}}'
    yield 'long-code.geojson', _features(2, sq, code=lambda i: 'c' * (127 + 2 * i))
    yield 'latin1.geojson', _features(2, sq, code=lambda i: 'K\xe5%d' % i).replace('\xc3\xa5'.encode('latin1'), b'\xe5')


GENERATORS = {name: fn for name, fn in globals().items()
              if callable(fn) and name != 'main' and not name.startswith('_')}


def main():
    out = sys.argv[1]
    for target in sys.argv[2:]:
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        gen = GENERATORS.get(target.replace('-', '_'))
        for name, data in (gen() if gen else []):
            with open(os.path.join(d, name), 'wb') as f:
                f.write(data)


if __name__ == '__main__':
    main()
