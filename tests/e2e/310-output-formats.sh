#!/bin/sh
# 310: files for Excel and for reports (issue 17). --format xlsx --output
# writes a real workbook (read back with openpyxl): Swedish headings,
# numbers as numbers with their decimals, p-values "< 0,001", the notes
# ("syntetiska svar") and the date above a frozen header row; csv carries
# the notes in a last column `source`; csv-sv is what Swedish Excel opens
# (BOM, ';', decimal comma, headings, CRLF); --output replaces a file only
# when the command succeeded; tables fit 120 columns unless --wide.
. "$(dirname "$0")/lib.sh"
set -e
cd "$T"
expect_status 0 jl --quiet demo
AC="autocorr survey:Community@2024 --division primaromrade --weights queen --permutations 99 --seed 1"

# xlsx needs a file: a workbook is no text for a terminal.
# shellcheck disable=SC2086 # the words of a command
expect_status 2 jl --db demo.db --format xlsx $AC
expect_stderr "give --output FILE.xlsx"
[ ! -s "$T/out" ] || fail "xlsx without --output wrote to stdout"

# shellcheck disable=SC2086
expect_status 0 jl --db demo.db --lang sv --format xlsx --output "$T/ac.xlsx" $AC
# shellcheck disable=SC2086
expect_status 0 jl --db demo.db --lang sv --format csv $AC
cp "$T/out" "$T/ac.csv"
/usr/bin/python3 - "$T/ac.xlsx" "$T/ac.csv" <<'PY' || fail "the workbook is not as it should be"
import csv, re, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ['Tabell 1', 'Tabell 2'], wb.sheetnames
g, loc = wb['Tabell 1'], wb['Tabell 2']
# notes and the date above the table, the headings below them, frozen
col_a = [r[0].value for r in g.iter_rows()]
assert 'syntetiska svar' in col_a[0], col_a[0]
stamp = [v for v in col_a if v and v.startswith('Skapad ')]
assert stamp and re.match(r'Skapad \d{4}-\d\d-\d\d av jamlik', stamp[0]), stamp
head = col_a.index('mått') + 1
assert [c.value for c in g[head]] == ['mått', 'värde', 'väntevärde', 'varians', 'z', 'p (normal)',
                                      'p (permutationer)'], [c.value for c in g[head]]
assert g.freeze_panes == 'A%d' % (head + 1), g.freeze_panes
assert g[head][0].font.b, 'headings in bold'
moran = g[head + 1]
assert moran[0].value == 'Morans I'
assert moran[1].data_type == 'n' and isinstance(moran[1].value, float), moran[1].value
assert moran[1].number_format == '#,##0.0000', moran[1].number_format
assert moran[5].number_format == '[<0.001]"< 0,001";0.000', moran[5].number_format
assert g.column_dimensions['A'].width >= len('Getis-Ords G'), g.column_dimensions['A'].width
# the local sheet: every column (the terminal hides some); numbers as
# libxlsxwriter writes them, to 16 significant digits (Excel keeps 15)
def same(a, b):
    return abs(a - float(b)) <= 1e-15 * max(1.0, abs(a))
rows = list(csv.DictReader(open(sys.argv[2], encoding='utf-8')))
col_a = [r[0].value for r in loc.iter_rows()]
head = col_a.index('område') + 1
labels = [c.value for c in loc[head]]
assert len(labels) == 20 and labels[:3] == ['område', 'namn', 'värde'], labels
assert loc.freeze_panes == 'A%d' % (head + 1)
got = list(loc.iter_rows(min_row=head + 1, values_only=True))
assert len(got) == len(rows) == 96, (len(got), len(rows))
for x, r in zip(got, rows):
    assert x[0] == r['area'] and same(x[2], r['value']) and same(x[4], r['Ii']), (x, r)
    assert same(x[11], r['p_folded']), (x, r)
assert rows[0]['source'].startswith('OBS: syntetiska svar'), rows[0]['source']
PY
[ -z "$(ls -A "$T" | grep '^\.ac')" ] || fail "a temporary file was left: $(ls -A "$T")"

# csv: the notes in the last column, source, on every row; English too
head -1 "$T/ac.csv" | grep -q ',p_bonferroni,quadrant,cluster,Gi_z,Gistar_z,E_sim,Var_sim,source$' ||
    fail "csv header: $(head -1 "$T/ac.csv")"
[ "$(grep -c 'syntetiska svar' "$T/ac.csv")" = 96 ] || fail "source on every row"
# shellcheck disable=SC2086
expect_status 0 jl --db demo.db --format csv $AC
[ "$(tail -n +2 "$T/out" | grep -c ',"NOTE: synthetic answers, made by jamlik.s generator; not real young people | ')" = 96 ] ||
    fail "English csv's source: $(sed -n 2p "$T/out")"

# csv-sv: what Swedish Excel opens directly
# shellcheck disable=SC2086
expect_status 0 jl --db demo.db --lang sv --format csv-sv $AC
/usr/bin/python3 - "$T/out" "$T/ac.csv" <<'PY' || fail "csv-sv is not as it should be"
import csv, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), raw[:10]
lines = raw[3:].decode('utf-8').split('\r\n')
assert lines[-1] == '' and all('\n' not in l for l in lines), 'CRLF line ends'
sv = list(csv.reader(lines[:-1], delimiter=';'))
en = list(csv.reader(open(sys.argv[2], encoding='utf-8')))
assert sv[0][:3] == ['område', 'namn', 'värde'] and sv[0][-1] == 'källa', sv[0]
assert len(sv) == len(en) == 97
for s, e in zip(sv[1:], en[1:]):
    assert s[2] == e[2].replace('.', ','), (s[2], e[2])
    assert float(s[4].replace(',', '.')) == float(e[4])
PY

# --output: written whole or not at all; an existing file stays on failure
printf 'old\n' > "$T/keep.csv"
expect_status 1 jl --db demo.db --format csv --output "$T/keep.csv" autocorr survey:Nosuch@2024 \
    --division primaromrade --weights queen
[ "$(cat "$T/keep.csv")" = old ] || fail "a failed command replaced the file"
expect_status 0 jl --db demo.db --format csv --output "$T/keep.csv" areas list
[ ! -s "$T/out" ] || fail "--output also wrote to stdout"
expect_status 0 jl --db demo.db --format csv areas list
cmp -s "$T/out" "$T/keep.csv" || fail "--output differs from stdout"
[ "$(ls -A "$T" | grep -c '^\.keep')" = 0 ] || fail "a temporary file was left: $(ls -A "$T")"
# killed before it is done: no file, and no temporary file left
"$JAMLIK" --format csv --output "$T/killed.csv" autocorr "$SRC/tests/fixtures/spatial/columbus.shp" --id POLYID \
    --value CRIME --planar --weights queen --permutations 10000000 --seed 1 --quiet 2>/dev/null &
pid=$!
sleep 1
kill -TERM "$pid" 2>/dev/null || fail "the long run ended before it was killed"
wait "$pid" || true
[ ! -e "$T/killed.csv" ] || fail "a killed command wrote its file"
[ "$(ls -A "$T" | grep -c '^\.killed')" = 0 ] || fail "a killed command left its temporary file: $(ls -A "$T")"
# a command without a table writes no workbook
expect_status 0 jl --db "$T/empty.db" --format xlsx --output "$T/none.xlsx" init
expect_stderr "wrote no table"
[ ! -e "$T/none.xlsx" ] || fail "an empty workbook was written"

# Prose counts as Swedes write them: 1 200 respondents (U+202F).
{ head -1 "$SMALL"; for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    tail -n +2 "$SMALL" | sed "s/^r/r$k-/"; done; } > "$T/big.csv"
expect_status 0 jl --db demo.db --lang sv survey import "$T/big.csv" --instrument stockholmsenkaten-rise \
    --wave 2030
expect_stderr "$(printf 'lästa svarande:       1\342\200\257200')"
expect_status 0 jl --db demo.db --lang en --quiet survey list
expect_stdout "1,200"

# Tables fit 120 columns; --wide shows every column. A table is as wide
# as the rule under its headings.
width() { grep -E '^-+( +-+)*$' | awk '{ n = length($0); if (n > m) m = n } END { print m + 0 }'; }
# shellcheck disable=SC2046 # the codes of the group
expect_status 0 jl --db demo.db --quiet areas group create "Stora gruppen" --division primaromrade \
    $(seq 101 118) $(seq 201 210)
for c in "areas list" "instrument show stockholmsenkaten-rise" "$AC" "areas group list" \
    "weights $SRC/tests/fixtures/spatial/columbus.shp --id POLYID --weights knn:40 --planar"; do
    # shellcheck disable=SC2086
    expect_status 0 jl --db demo.db --lang sv $c
    w=$(width < "$T/out")
    [ "$w" -le 120 ] || fail "$c: a table $w columns wide"
    # shellcheck disable=SC2086
    expect_status 0 jl --db demo.db --lang sv --wide $c
    w2=$(width < "$T/out")
    [ "$w2" -gt "$w" ] || fail "$c: --wide shows no more ($w2)"
done
# files keep the whole list
expect_status 0 jl --db demo.db --format csv areas group list
expect_stdout "$(seq 101 118 | tr '\n' ' ')$(seq 201 210 | tr '\n' ' ' | sed 's/ $//'),"
echo "310-output-formats: ok"
