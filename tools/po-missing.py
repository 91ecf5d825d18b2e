#!/usr/bin/env python3
"""Lists the messages of src/ (the strings in _("...") and N_("...")) that
po/sv.po does not translate. Exit status 1 if any is missing, so the test
suite keeps Swedish complete. Usage: po-missing.py SRCDIR PO [--po-stubs]"""
import pathlib
import re
import sys

STR = r'"(?:[^"\\]|\\.)*"'
CALL = re.compile(r'\bN?_\(\s*((?:' + STR + r'\s*)+)\)')
# _n("singular", "plural", n): a plural entry under the singular.
NCALL = re.compile(r'\b_n\(\s*((?:' + STR + r'\s*)+),\s*((?:' + STR + r'\s*)+),')


def c_unescape(s):
    return bytes(s, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')


def joined(group):
    return c_unescape(''.join(x[1:-1] for x in re.findall(STR, group)))


def messages(src):
    """msgid -> (where, msgid_plural or None)."""
    out = {}
    for p in sorted(pathlib.Path(src).rglob('*.[ch]')):
        text = p.read_text(encoding='utf-8')
        for m in CALL.finditer(text):
            line = text.count('\n', 0, m.start()) + 1
            out.setdefault(joined(m.group(1)), (f'{p}:{line}', None))
        for m in NCALL.finditer(text):
            line = text.count('\n', 0, m.start()) + 1
            out[joined(m.group(1))] = (f'{p}:{line}', joined(m.group(2)))
    return out


def po_ids(path):
    """msgid -> msgid_plural or None."""
    ids, cur, plural, state = {}, None, None, None
    for line in pathlib.Path(path).read_text(encoding='utf-8').splitlines():
        if line.startswith('msgid '):
            cur, plural, state = line[6:], None, 'id'
        elif line.startswith('msgid_plural '):
            plural, state = line[13:], 'plural'
        elif line.startswith('msgstr'):
            if state in ('id', 'plural'):
                ids[joined(cur)] = joined(plural) if plural is not None else None
            state = 'str'
        elif line.startswith('"') and state == 'id':
            cur += line
        elif line.startswith('"') and state == 'plural':
            plural += line
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
    missing = [(m, where, pl) for m, (where, pl) in messages(src).items()
               if m and (m not in have or have[m] != pl)]
    for m, where, pl in missing:
        if '--po-stubs' in sys.argv and pl is not None:
            print(f'#: {where}\nmsgid {po_quote(m)}\nmsgid_plural {po_quote(pl)}\n'
                  f'msgstr[0] ""\nmsgstr[1] ""\n')
        elif '--po-stubs' in sys.argv:
            print(f'#: {where}\nmsgid {po_quote(m)}\nmsgstr ""\n')
        elif pl is not None:
            print(f'{where}: no plural entry (msgid_plural {pl!r}): {m!r}')
        else:
            print(f'{where}: not translated: {m!r}')
    if '--po-stubs' not in sys.argv:
        print(f'{len(missing)} messages without Swedish', file=sys.stderr)
    return 1 if missing else 0


sys.exit(main())
