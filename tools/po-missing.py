#!/usr/bin/env python3
"""Lists the messages of src/ (the strings in _("...") and N_("...")) that
po/sv.po does not translate. Exit status 1 if any is missing, so the test
suite keeps Swedish complete. Usage: po-missing.py SRCDIR PO [--po-stubs]"""
import pathlib
import re
import sys

STR = r'"(?:[^"\\]|\\.)*"'
CALL = re.compile(r'\bN?_\(\s*((?:' + STR + r'\s*)+)\)')


def c_unescape(s):
    return bytes(s, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')


def messages(src):
    out = {}
    for p in sorted(pathlib.Path(src).rglob('*.[ch]')):
        text = p.read_text(encoding='utf-8')
        for m in CALL.finditer(text):
            parts = re.findall(STR, m.group(1))
            msg = c_unescape(''.join(x[1:-1] for x in parts))
            line = text.count('\n', 0, m.start()) + 1
            out.setdefault(msg, f'{p}:{line}')
    return out


def po_ids(path):
    ids, cur, state = set(), None, None
    for line in pathlib.Path(path).read_text(encoding='utf-8').splitlines():
        if line.startswith('msgid '):
            cur, state = line[6:], 'id'
        elif line.startswith('msgstr '):
            ids.add(c_unescape(''.join(x[1:-1] for x in re.findall(STR, cur))))
            state = 'str'
        elif line.startswith('"') and state == 'id':
            cur += line
    return ids


def po_quote(s):
    s = s.replace('\\', '\\\\').replace('"', '\\"').replace('\t', '\\t')
    lines = s.split('\n')
    if len(lines) == 1:
        return '"' + s + '"'
    parts = [l + '\\n' for l in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + '\n'.join('"' + p + '"' for p in parts)


def main():
    src, po = sys.argv[1], sys.argv[2]
    have = po_ids(po)
    missing = [(m, where) for m, where in messages(src).items() if m not in have and m]
    for m, where in missing:
        if '--po-stubs' in sys.argv:
            print(f'#: {where}\nmsgid {po_quote(m)}\nmsgstr ""\n')
        else:
            print(f'{where}: not translated: {m!r}')
    if '--po-stubs' not in sys.argv:
        print(f'{len(missing)} messages without Swedish', file=sys.stderr)
    return 1 if missing else 0


sys.exit(main())
