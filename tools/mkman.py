#!/usr/bin/env python3
"""Writes jamlik's man page from the built binary's own help, so that the
page says what `jamlik help` says and cannot drift from it.

Usage: mkman.py JAMLIK COMMANDS_C LANG OUT
The command names are read from the command table (src/cli/commands.c);
each command's text is `jamlik --lang LANG help NAME`."""
import re
import subprocess
import sys

TITLE = {'en': ('a steering system for local equality and prevention work',
                'COMMANDS', 'NAME', 'SYNOPSIS', 'User Commands'),
         'sv': ('ett styrsystem för lokalt jämlikhets- och förebyggande arbete',
                'KOMMANDON', 'NAMN', 'SYNOPSIS', 'Användarkommandon')}
# What the help does not say: where the global options may stand and where
# the data are found.
MORE = {'en': ['.SH OPTIONS',
               'The global options \\-\\-db, \\-\\-format, \\-\\-output, \\-\\-wide, \\-\\-lang '
               'and \\-\\-quiet may stand '
               'anywhere on the line, before or after the command; after \\-\\- nothing is an '
               'option. COMMAND \\-\\-help (or \\-h) prints the help of COMMAND.',
               '.TP', '\\-\\-format table|csv|csv\\-sv|json|xlsx',
               'A table (the default), CSV with a last column source, CSV for Swedish Excel '
               '(BOM, semicolons, decimal comma), JSON, or an Excel workbook (needs \\-\\-output).',
               '.TP', '\\-\\-output FILE',
               'Write to FILE, replaced only when the command succeeded.',
               '.TP', '\\-\\-wide',
               'Tables show every column, not only what fits 120 columns.',
               '.SH ENVIRONMENT',
               '.TP', 'JAMLIK_LANG', 'sv (the default) or en.',
               '.TP', 'JAMLIK_DATA',
               "The folder of jamlik's data files; by default PREFIX/share/jamlik beside "
               'PREFIX/bin/jamlik.'],
        'sv': ['.SH FLAGGOR',
               'De globala flaggorna \\-\\-db, \\-\\-format, \\-\\-output, \\-\\-wide, '
               '\\-\\-lang och \\-\\-quiet får stå '
               'var som helst på raden, före eller efter kommandot; efter \\-\\- är inget en '
               'flagga. KOMMANDO \\-\\-help (eller \\-h) visar hjälpen för KOMMANDO.',
               '.TP', '\\-\\-format table|csv|csv\\-sv|json|xlsx',
               'En tabell (standard), CSV med en sista kolumn source, CSV för svenska Excel '
               '(BOM, semikolon, decimalkomma), JSON eller en Excel\\-arbetsbok (kräver \\-\\-output).',
               '.TP', '\\-\\-output FIL',
               'Skriv till FIL, som ersätts först när kommandot lyckats.',
               '.TP', '\\-\\-wide',
               'Tabeller visar alla kolumner, inte bara det som ryms på 120 kolumner.',
               '.SH MILJÖ',
               '.TP', 'JAMLIK_LANG', 'sv (standard) eller en.',
               '.TP', 'JAMLIK_DATA',
               'Mappen med jamliks datafiler; som standard PREFIX/share/jamlik bredvid '
               'PREFIX/bin/jamlik.']}


def esc(line):
    line = line.replace('\\', '\\e')
    if line.startswith(('.', "'")):
        line = '\\&' + line
    return line


def jamlik(binary, lang, *args):
    return subprocess.run([binary, '--lang', lang, 'help', *args], check=True,
                          capture_output=True, text=True).stdout


def main():
    binary, table, lang, out = sys.argv[1:5]
    names = re.findall(r'^\s*\{"([a-z ]+)", N_\(', open(table, encoding='utf-8').read(), re.M)
    what, commands, name, synopsis, section = TITLE[lang]
    usage = jamlik(binary, lang).split('\n\n')[0]
    page = ['.TH JAMLIK 1 "" "jamlik" "%s"' % section,
            '.SH ' + name, 'jamlik \\- ' + what,
            '.SH ' + synopsis, '.nf', *map(esc, usage.splitlines()), '.fi',
            '.SH ' + commands]
    for n in names:
        page += ['.SS ' + n, '.nf', *map(esc, jamlik(binary, lang, *n.split()).rstrip('\n').splitlines()),
                 '.fi']
    page += MORE[lang]
    with open(out, 'w', encoding='utf-8') as f:
        f.write('\n'.join(page) + '\n')


if __name__ == '__main__':
    sys.exit(main())
