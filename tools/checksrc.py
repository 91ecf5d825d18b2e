#!/usr/bin/env python3
"""Checks the source tree against the rules the build keeps (curl's
checksrc is the model). Exit status 1 and one line per violation if any
rule is broken outside the listed exceptions.

Rules:
  sqlite    SQLite is called only in src/store/ (one storage room)
  stdio     src/stats/ computes and never prints (no printf, FILE, stderr)
  cli       nothing outside src/cli/ includes a header of src/cli/
  web       src/web/ never reaches respondents: no header of src/survey/ or of
            the views that load a wave (profile, cells, waves, priorities), no
            jl_store_respondents_* (survey figures reach pages from releases)
  file      no file of src/ over 800 lines
  function  no function of src/ over 150 lines

Exceptions live in tools/checksrc-exceptions.txt, one per line:
  RULE PATH[:FUNCTION]  reason
An exception that no longer matches anything is itself an error, so the
list only shrinks. Usage: checksrc.py SRCROOT"""
import pathlib
import re
import sys

MAX_FILE = 800
MAX_FUNC = 150

STDIO = re.compile(r'\b(printf|fprintf|vfprintf|puts|fputs|putchar|fputc|fwrite|fopen|'
                   r'stderr|stdout|FILE\s*\*)\b')
WEB_INCLUDE = re.compile(r'\s*#\s*include\s*"(survey/|view/(profile|cells|waves|priorities)\.h)')
WEB_CALL = re.compile(r'\bjl_store_respondents_\w+|\bjl_view_wave_load\b')
FUNC_START = re.compile(r'^[A-Za-z_][\w \t\*]*?\b(\w+)\s*\([^;]*$')


def strip_comments_and_strings(text):
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(c + re.sub(r'[^\n]', ' ', text[i + 1:j]) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def functions(lines):
    """(name, first line, number of lines) of each function definition:
    a signature starting in column 0 and a body from '{' to '}' in column 0."""
    i = 0
    while i < len(lines):
        m = FUNC_START.match(lines[i])
        if m and not lines[i].startswith(('typedef', 'struct', 'static const', 'enum')):
            j = i
            while j < len(lines) and not lines[j].startswith('{') and ';' not in lines[j]:
                j += 1
            if j < len(lines) and lines[j].startswith('{'):
                k = j + 1
                while k < len(lines) and not lines[k].startswith('}'):
                    k += 1
                yield m.group(1), i + 1, k - i + 1
                i = k
        i += 1


def violations(root):
    src = root / 'src'
    for p in sorted(src.rglob('*.[ch]')):
        rel = p.relative_to(root).as_posix()
        raw = p.read_text(encoding='utf-8')
        text = strip_comments_and_strings(raw)
        lines = text.split('\n')
        if raw.count('\n') > MAX_FILE:
            yield 'file', rel, None, f'{raw.count(chr(10))} lines (at most {MAX_FILE})'
        for k, line in enumerate(lines, 1):
            if not rel.startswith('src/store/') and re.search(r'\bsqlite3_\w+', line):
                yield 'sqlite', rel, None, f'line {k}: SQLite outside src/store/'
            if rel.startswith('src/stats/') and STDIO.search(line):
                yield 'stdio', rel, None, f'line {k}: I/O in src/stats/'
        if not rel.startswith('src/cli/'):
            for k, line in enumerate(raw.split('\n'), 1):
                if re.match(r'\s*#\s*include\s*"cli/', line):
                    yield 'cli', rel, None, f'line {k}: includes a header of src/cli/'
        if rel.startswith('src/web/'):
            for k, line in enumerate(raw.split('\n'), 1):
                if WEB_INCLUDE.match(line) or WEB_CALL.search(lines[k - 1]):
                    yield 'web', rel, None, f'line {k}: reaches respondents from src/web/'
        if p.suffix == '.c':
            for name, first, n in functions(lines):
                if n > MAX_FUNC:
                    yield 'function', rel, name, f'line {first}: {n} lines (at most {MAX_FUNC})'


def main():
    root = pathlib.Path(sys.argv[1])
    exc = {}
    for ln in (root / 'tools/checksrc-exceptions.txt').read_text(encoding='utf-8').splitlines():
        if ln.strip() and not ln.startswith('#'):
            rule, where = ln.split()[:2]
            exc[(rule, where)] = False
    bad = 0
    for rule, path, func, what in violations(root):
        where = f'{path}:{func}' if func else path
        if (rule, where) in exc:
            exc[(rule, where)] = True
            continue
        print(f'{where}: {rule}: {what}')
        bad += 1
    for (rule, where), used in exc.items():
        if not used:
            print(f'tools/checksrc-exceptions.txt: {rule} {where}: no longer needed, remove it')
            bad += 1
    print(f'checksrc: {bad} problems')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
