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


CODE_MAX = 128            # JL_MAX_CODE
ID_MAX = 64               # JL_MAX_ID
DEPTH_MAX = 64            # JL_MAX_FORMULA_DEPTH
LEAVES_MAX = 32           # JL_MAX_FORMULA_LEAVES
DIMS_MAX = 32             # JL_MAX_JSON_DIMS
LONG = 'x' * 600          # the tester's 600-character codes


def _cube(region, tid=('2022',), value=None, extra=None, size=None):
    import json
    dims = {'Region': {'category': {'index': region}},
            'ContentsCode': {'category': {'index': {'folkmangd': 0}}},
            'Tid': {'category': {'index': list(tid)}}}
    ids = ['Region', 'ContentsCode', 'Tid']
    for k, v in (extra or {}).items():
        dims[k] = {'category': {'index': v}}
        ids.insert(-2, k)
    n = 1
    for k in ids:
        n *= len(dims[k]['category']['index'])
    d = {'version': '2.0', 'id': ids, 'dimension': dims,
         'value': list(range(n)) if value is None else value}
    if size is not None:
        d['size'] = size
    return json.dumps(d).encode()


def jsonstat():
    yield 'long-region.json', _cube({LONG: 0})
    yield 'code-at-limit.json', _cube({'r' * CODE_MAX: 0})
    yield 'long-period.json', _cube(['a'], tid=[LONG])
    yield 'gap.json', _cube({'a': 0, 'b': 2, 'c': 3})
    yield 'twice.json', _cube({'a': 0, 'b': 0, 'c': 1})
    yield 'null-code.json', _cube(['a', None, 'c'])
    yield 'number-code.json', _cube(['a', 2, 'c'])
    yield 'size-disagrees.json', _cube(['a', 'b'], size=[3, 1, 1])
    yield 'value-text.json', _cube(['a', 'b'], value=[1, 'abc'])
    yield 'value-object-outside.json', _cube(['a', 'b'], value={'0': 1, '99': 2})
    yield 'value-object-key.json', _cube(['a', 'b'], value={'0': 1, '01': 2, '-1': 3})
    # 1000 x 1000 x 1000 categories, one value: the tester's gigabytes.
    k = ['c%d' % i for i in range(1000)]
    yield 'sparse-cube.json', _cube(k, value={'5': 1}, extra={'A': k, 'B': k})
    yield 'cube-over-limit.json', _cube(['a%d' % i for i in range(100)], value={'7': 1},
                                      extra={'A': ['b%d' % i for i in range(100)],
                                             'B': ['c%d' % i for i in range(1001)]})
    many = {'D%d' % i: ['x'] for i in range(DIMS_MAX)}
    yield 'many-dims.json', _cube(['a'], value=[1], extra=many)
    yield 'long-breakdown.json', _cube(['a'], value=[1, 2, 3, 4],
                                       extra={'A': ['y' * 100, 'z'], 'B': ['w' * 100, 'v']})
    cols = [{'code': 'c%d' % i, 'type': 'd'} for i in range(DIMS_MAX)]
    import json
    yield 'v1-no-content.json', json.dumps({'columns': cols, 'data': [
        {'key': ['k'] * DIMS_MAX, 'values': []}]}).encode()
    yield 'v1-many.json', json.dumps({'columns': cols + [{'code': 'folkmangd', 'type': 'c'}],
                                      'data': []}).encode()
    yield 'v1-long-key.json', json.dumps({'columns': [
        {'code': 'Region', 'type': 'd'}, {'code': 'Tid', 'type': 't'},
        {'code': 'folkmangd', 'type': 'c'}], 'data': [
        {'key': [LONG, '2022'], 'values': ['1']}]}).encode()
    yield 'deep.json', b'[' * 100000 + b']' * 100000
    yield 'duplicate-key.json', b'{"id": [], "id": []}'


def kolada():
    import json

    def row(area='1480', period='2022', kpi='N00945', values=None):
        return {'kpi': kpi, 'municipality': area, 'period': period,
                'values': values or [{'gender': 'T', 'value': 1}]}
    head = b'kpi: N00945 = folkmangd\n%%\n'
    yield 'long-municipality.json', head + json.dumps({'values': [row(area=LONG)]}).encode()
    yield 'long-kpi.json', head + json.dumps({'values': [row(kpi=LONG)]}).encode()
    yield 'long-period.json', head + json.dumps({'values': [row(period='2022' * 150)]}).encode()
    yield 'many.json', head + json.dumps({'values': [
        row(area='%04d' % i, values=[{'gender': g, 'value': i} for g in 'TKM'])
        for i in range(20000)]}).encode()
    yield 'twice.json', head + json.dumps({'values': [row(), row()]}).encode()


def jsonmap():
    yield 'long-id.map', b'content: A = ' + LONG.encode() + b'\n'
    yield 'long-area.map', b'area: ' + LONG.encode() + b'\n'
    yield 'many.map', b''.join(b'content: C%d = i%d\n' % (i, i) for i in range(50000))


def long():
    head = b'indicator,area,period,value,breakdown\n'
    yield 'long-area.csv', head + b'folkmangd,' + LONG.encode() + b',2022,1,\n'
    yield 'long-id.csv', head + LONG.encode() + b',a,2022,1,\n'
    yield 'long-breakdown.csv', head + b'folkmangd,a,2022,1,' + LONG.encode() + b'\n'
    yield 'at-limits.csv', head + b'%s,%s,2022,1,%s\n' % (b'i' * ID_MAX, b'a' * CODE_MAX,
                                                            b'b' * CODE_MAX)
    yield 'many.csv', head + b''.join(b'folkmangd,a%d,2022,%d,\n' % (i, i)
                                      for i in range(200000))


def wide():
    m = b'area: a\ncolumn: b = folkmangd 2022\n%%\n'
    yield 'long-area.csv', m + b'a,b\n' + LONG.encode() + b',1\n'
    yield 'long-id.csv', b'area: a\ncolumn: b = ' + LONG.encode() + b' 2022\n%%\na,b\nx,1\n'
    cols = 2000
    yield 'many-columns.csv', (b'area: a\ncolumn: v_{period} = folkmangd\n%%\na,' +
                               b','.join(b'v_%d' % (1000 + i) for i in range(cols)) + b'\n' +
                               b''.join(b'r%d,' % r + b','.join(b'1' for _ in range(cols)) + b'\n'
                                        for r in range(50)))


def _ind(formula):
    return (b'indicator: a\nname: x\nunit: p\nkind: share\nbetter: none\nsource: s\nformula: ' +
            formula + b'\n')


def indicators():
    yield 'long-id.indicators', b'indicator: ' + b'a' * 1000 + b'\nname: x\n'
    yield 'parens.indicators', _ind(b'(' * 200000 + b'b' + b')' * 200000)
    yield 'minus.indicators', _ind(b'-' * 500000 + b'b')
    yield 'deep.indicators', _ind(b'(' * 2000 + b'b' + b')' * 2000)
    yield 'at-depth.indicators', _ind(b'(' * DEPTH_MAX + b'b' + b')' * DEPTH_MAX)
    yield 'leaves.indicators', _ind(b'+'.join(b'b%d' % i for i in range(LEAVES_MAX + 1)))
    yield 'garbage.indicators', bytes(range(256)) * 40


def formula():
    yield 'parens.f', b'(' * 200000 + b'a' + b')' * 200000
    yield 'minus.f', b'-' * 500000 + b'a'
    yield 'deep.f', b'(' * 3000 + b'a'
    yield 'at-depth.f', b'(' * DEPTH_MAX + b'a' + b')' * DEPTH_MAX
    yield 'over-depth.f', b'-' * (DEPTH_MAX + 1) + b'a'
    # two operands waiting at every level: the evaluator's whole stack
    yield 'stack.f', b'a+b*(' * (DEPTH_MAX - 1) + b'a' + b')' * (DEPTH_MAX - 1)
    yield 'leaves.f', b'+'.join(b'v%d' % i for i in range(LEAVES_MAX + 1))
    yield 'long-id.f', b'a' * 1000
    yield 'long-number.f', b'a+' + b'1' * 100


def query():
    yield 'long-target', b'/' + b'a' * 5000
    yield 'many-segments', b'/s' * 40
    yield 'many-params', b'/?' + b'&'.join(b'k%d=v' % i for i in range(100))
    yield 'all-escapes', b'/' + b''.join(b'%%%02X' % i for i in range(256))
    yield 'all-bytes', bytes(range(1, 256))


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
