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


GENERATORS = {name: fn for name, fn in globals().items() if callable(fn) and name != 'main'}


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
