#!/bin/sh
# 210: broken indicator inputs (issue 15) are refused with their exact
# position and the database file stays byte-identical: long and wide CSV,
# JSON-stat 2.0 and PxWeb v1 (--as jsonstat), Kolada, indicator
# definitions and index build. Long and deep inputs are made here, never
# committed. Each case: a file, the expected stderr (a part of it that
# holds the position and the whole message), status 1.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
jl --db "$DB" init 2>/dev/null
load_regso "$DB"
# an indicator named as index build would name an index's types
printf 'indicator: tva_typ\nname: x\nunit: p\nkind: count\nbetter: none\nsource: s\n' > "$T/typ.indicators"
expect_status 0 jl --db "$DB" --quiet indicator define "$T/typ.indicators"
before=$(hash_db "$DB")
n=0
# refused EXPECTED CMD...: status 1, EXPECTED in stderr, the database as it was
refused() {
    expected=$1; shift
    n=$((n + 1))
    expect_status 1 "$@"
    expect_stderr "$expected"
    [ "$(hash_db "$DB")" = "$before" ] || fail "case $n ($expected): database changed"
}
imp() { f=$1; shift; refused "$EXP" jl --db "$DB" indicator import "$T/$f" --division regso2025 "$@"; }
def() { refused "$EXP" jl --db "$DB" indicator define "$T/$1"; }
x() { python3 -c "import sys; sys.stdout.write('$1' * $2)"; }
L600=$(x x 600)
L1000=$(x a 1000)

# ---- long CSV ----
H='indicator,area,period,value'
printf '%s\nfolkmangd,%s,2022,5\n' "$H" "$L600" > "$T/area.csv"
EXP='area.csv:2:11: error: expected an area code of at most 128 bytes, found 600 bytes (limit JL_MAX_CODE)'
imp area.csv --as long
printf '%s\n%s,1480R001,2022,5\n' "$H" "$L1000" > "$T/id.csv"
EXP='id.csv:2:1: error: expected an indicator id of at most 64 bytes, found 1000 bytes (limit JL_MAX_ID)'
imp id.csv --as long
printf '%s,breakdown\nfolkmangd,1480R001,2022,5,%s\n' "$H" "$L600" > "$T/bd.csv"
EXP='bd.csv:2:27: error: expected a breakdown of at most 128 bytes, found 600 bytes (limit JL_MAX_CODE)'
imp bd.csv --as long
printf '%s\nnope,1480R001,2022,5\n' "$H" > "$T/unknown.csv"
EXP='unknown.csv:2:1: error: expected a defined indicator, found "nope" (define it with "jamlik indicator define")'
imp unknown.csv --as long
printf '%s\nutrikes_fodda_andel,1480R001,2022,5\n' "$H" > "$T/derived.csv"
EXP='derived.csv:2:1: error: indicator utrikes_fodda_andel is derived by its formula: import its parts instead'
imp derived.csv --as long
printf '%s\nfolkmangd,1480R001,22,5\n' "$H" > "$T/period.csv"
EXP='period.csv:2:20: error: expected a period such as 2022, 2024M01 or 2024K1, found "22"'
imp period.csv --as long
printf '%s\nfolkmangd,,2022,5\n' "$H" > "$T/empty-area.csv"
EXP='empty-area.csv:2:11: error: expected an area code, found an empty field'
imp empty-area.csv --as long
printf '%s\nfolkmangd,1480R001,2022,5\nfolkmangd,1480R001,2022,6\n' "$H" > "$T/twice.csv"
EXP='twice.csv:3:1: error: expected one value per indicator, area, period and sex, found folkmangd 1480R001 2022 again (first on line 2)'
imp twice.csv --as long
# both decimal conventions in one column: "3,5" after "4.5" (and a
# thousands separator could not be told from a decimal comma)
printf '%s\nfolkmangd,1480R001,2022,4.5\nfolkmangd,1480R002,2022,12\nfolkmangd,1480R003,2022,"3,5"\n' "$H" > "$T/marks.csv"
EXP='marks.csv:4:25: error: expected the decimal mark of line 2 ("."), found "3,5": a column may not mix decimal comma and decimal point'
imp marks.csv --as long

# ---- wide CSV and its map ----
printf 'area: a\ncolumn: b = folkmangd 2022\n' > "$T/w.map"
printf 'a,b\n%s,5\n' "$L600" > "$T/wide-area.csv"
EXP='wide-area.csv:2:1: error: expected an area code of at most 128 bytes, found 600 bytes (limit JL_MAX_CODE)'
imp wide-area.csv --as wide --map "$T/w.map"
printf 'a,b\n1480R001,5\n' > "$T/wide.csv"
printf 'area: a\ncolumn: b = %s 2022\n' "$L1000" > "$T/long-id.map"
EXP='long-id.map:2:13: error: expected an indicator id of at most 64 bytes, found 1000 bytes (limit JL_MAX_ID)'
imp wide.csv --as wide --map "$T/long-id.map"
printf 'area: a\ncolumn: b = folkmangd 2022 2023\n' > "$T/extra-word.map"
EXP='extra-word.map:2:9: error: expected "COLUMN = INDICATOR [PERIOD]", found "b = folkmangd 2022 2023"'
imp wide.csv --as wide --map "$T/extra-word.map"
printf 'area: a\ncolumn: b = folkmangd 2022\nkolumn: c = x\n' > "$T/bad-key.map"
EXP='bad-key.map:3:1: error: expected area, period, skip or column, found "kolumn"'
imp wide.csv --as wide --map "$T/bad-key.map"

# ---- JSON-stat 2.0 (cubes written by Python) ----
cube() { # cube FILE PYTHON-EXPRESSIONS-CHANGING-d
    python3 - "$T/$1" "$2" <<'PY'
import json, sys
d = {'version': '2.0', 'id': ['Region', 'ContentsCode', 'Tid'], 'size': [2, 1, 1],
     'dimension': {'Region': {'category': {'index': {'1480R001': 0, '1480R002': 1}}},
                   'ContentsCode': {'category': {'index': {'folkmangd': 0}}},
                   'Tid': {'category': {'index': ['2022']}}},
     'value': [1, 2]}
idx = d['dimension']['Region']['category']
exec(sys.argv[2])
json.dump(d, open(sys.argv[1], 'w'))
PY
}
cube region.json "idx['index'] = {'x' * 600: 0}; d['size'][0] = 1; d['value'] = [1]"
EXP='region.json: error: dimension.Region.category.index: expected a category code of at most 128 bytes, found 600 bytes (limit JL_MAX_CODE)'
imp region.json --as jsonstat
cube gap.json "idx['index'] = {'a': 0, 'b': 2}"
EXP='gap.json: error: dimension.Region.category.index: expected positions 0 to 1, found 2 for "b"'
imp gap.json --as jsonstat
cube twice-pos.json "idx['index'] = {'a': 0, 'b': 0}"
EXP='twice-pos.json: error: dimension.Region.category.index: expected each position once, found 0 for "a" and "b"'
imp twice-pos.json --as jsonstat
cube null-code.json "idx['index'] = ['a', None]"
EXP='null-code.json: error: dimension.Region.category.index[1]: expected a code as text, found null'
imp null-code.json --as jsonstat
cube number-code.json "idx['index'] = ['a', 7]"
EXP='number-code.json: error: dimension.Region.category.index[1]: expected a code as text, found 7'
imp number-code.json --as jsonstat
cube text-position.json "idx['index'] = {'a': 0, 'b': '1'}"
EXP='text-position.json: error: dimension.Region.category.index: expected positions 0 to 1, found "1" for "b"'
imp text-position.json --as jsonstat
cube size.json "d['size'] = [3, 1, 1]"
EXP='size.json: error: size[0]: expected 2 (the categories of dimension Region), found 3'
imp size.json --as jsonstat
cube size-count.json "d['size'] = [2, 1]"
EXP='size-count.json: error: size: expected an array of 3 sizes (one per dimension of "id"), found another number of them'
imp size-count.json --as jsonstat
cube value-text.json "d['value'] = [1, 'abc']"
EXP='value-text.json: error: value[1] (Region=1480R002, ContentsCode=folkmangd, Tid=2022): expected a number, ".." (missing), "." (not applicable), "-" (zero) or null, found "abc"'
imp value-text.json --as jsonstat
cube value-array.json "d['value'] = [1, [2]]"
EXP='value-array.json: error: value[1] (Region=1480R002, ContentsCode=folkmangd, Tid=2022): expected a number, ".." (missing), "." (not applicable), "-" (zero) or null, found an array'
imp value-array.json --as jsonstat
cube value-count.json "d['value'] = [1, 2, 3]"
EXP="value-count.json: error: value: expected 2 values (the product of the dimensions' sizes), found 3"
imp value-count.json --as jsonstat
cube value-key.json "d['value'] = {'0': 1, '2': 2}"
EXP='value-key.json: error: value: expected keys 0 to 1 (the cells of the cube), found "2"'
imp value-key.json --as jsonstat
cube value-key-text.json "d['value'] = {'0': 1, 'one': 2}"
EXP='value-key-text.json: error: value: expected keys 0 to 1 (the cells of the cube), found "one"'
imp value-key-text.json --as jsonstat
cube value-key-wraps.json "d['value'] = {'0': 1, '18446744073709551616': 2}"
EXP='value-key-wraps.json: error: value: expected keys 0 to 1 (the cells of the cube), found "18446744073709551616"'
imp value-key-wraps.json --as jsonstat
cube status-key.json "d['status'] = {'-1': '..'}"
EXP='status-key.json: error: status: expected keys 0 to 1 (the cells of the cube), found "-1"'
imp status-key.json --as jsonstat
cube status-count.json "d['status'] = ['', '', '..']"
EXP="status-count.json: error: status: expected 2 statuses (the product of the dimensions' sizes), found 3"
imp status-count.json --as jsonstat
cube sparse.json "k = ['c%d' % i for i in range(1000)]
d['id'] = ['A', 'B', 'C', 'ContentsCode', 'Tid']; d['size'] = [1000, 1000, 1000, 1, 1]
for a in 'ABC': d['dimension'][a] = {'category': {'index': k}}
del d['dimension']['Region']; d['value'] = {'5': 1}"
EXP="sparse.json: error: dimension: expected at most 2000000 cells (the product of the dimensions' sizes), found more (limit JL_MAX_CUBE_CELLS)"
imp sparse.json --as jsonstat
cube dims.json "d['id'] = ['D%d' % i for i in range(33)]; d['size'] = [1] * 33"
EXP='dims.json: error: id: expected at most 32 dimensions, found 33 (limit JL_MAX_JSON_DIMS)'
imp dims.json --as jsonstat
cube dim-id.json "d['id'][0] = 'R' * 100; d['dimension']['R' * 100] = d['dimension'].pop('Region')"
EXP='dim-id.json: error: id[0]: expected a dimension id of at most 64 bytes, found 100 bytes (limit JL_MAX_ID)'
imp dim-id.json --as jsonstat
cube dim-twice.json "d['id'] = ['Region', 'Region', 'ContentsCode', 'Tid']"
EXP='dim-twice.json: error: id[1]: expected each dimension once, found "Region" again'
imp dim-twice.json --as jsonstat
cube no-index.json "idx.clear(); idx['label'] = {'a': 'A', 'b': 'B'}"
EXP='no-index.json: error: dimension.Region.category: expected an "index" of the categories, found nothing'
imp no-index.json --as jsonstat
cube breakdown.json "d['id'].insert(1, 'Alder'); d['size'].insert(1, 2); d['value'] = [1, 2, 3, 4]
d['dimension']['Alder'] = {'category': {'index': ['y' * 125, 'z']}}"
EXP="breakdown.json: error: value[0] (Region=1480R001, Alder=$(x y 125), ContentsCode=folkmangd, Tid=2022): expected a breakdown of at most 128 bytes, found 131 bytes (limit JL_MAX_CODE)"
imp breakdown.json --as jsonstat
cube period.json "d['dimension']['Tid']['category']['index'] = ['x' * 600]"
EXP='period.json: error: dimension.Tid.category.index[0]: expected a category code of at most 128 bytes, found 600 bytes (limit JL_MAX_CODE)'
imp period.json --as jsonstat
printf '{"version": "2.0",\n "id": ["Region"],\n "id": ["Tid"]}\n' > "$T/dup-key.json"
EXP="dup-key.json:3:5: error: expected JSON: duplicate object key near '\"id\"'"
imp dup-key.json --as jsonstat
printf '{"version": "2.0",\n "id": ["Region",\n  "Tid" "x"]}\n' > "$T/syntax.json"
EXP="syntax.json:3:11: error: expected JSON: ']' expected near '\"x\"'"
imp syntax.json --as jsonstat
printf '[1, 2]' > "$T/array.json"
EXP='array.json: error: expected a JSON-stat 2.0 dataset or a PxWeb v1 response (an object), found another JSON type'
imp array.json --as jsonstat
printf 'content: C1 = %s\n' "$L1000" > "$T/long-content.map"
EXP='long-content.map:1:15: error: expected an indicator id of at most 64 bytes, found 1000 bytes (limit JL_MAX_ID)'
imp region.json --as jsonstat --map "$T/long-content.map"

# ---- PxWeb v1 json ----
v1() { # v1 FILE NCOLUMNS-OF-TYPE-d CONTENT-COLUMNS KEY
    python3 - "$T/$1" "$2" "$3" "$4" <<'PY'
import json, sys
nd, nc, key = int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
cols = [{'code': 'Region', 'type': 'd'}, {'code': 'Tid', 'type': 't'}]
cols += [{'code': 'D%d' % i, 'type': 'd'} for i in range(nd - 2)]
cols += [{'code': 'folkmangd', 'type': 'c'}] * nc
json.dump({'columns': cols, 'data': [{'key': key, 'values': ['1'] * nc}]}, open(sys.argv[1], 'w'))
PY
}
v1 v1-no-content.json 32 0 '[]'
EXP='v1-no-content.json: error: columns: expected a content column (type "c"), found none'
imp v1-no-content.json --as jsonstat
v1 v1-columns.json 32 1 '[]'
EXP='v1-columns.json: error: columns: expected at most 32 columns, found 33 (limit JL_MAX_JSON_DIMS)'
imp v1-columns.json --as jsonstat
v1 v1-key.json 2 1 "[\"$L600\", \"2022\"]"
EXP='v1-key.json: error: data[0].key[0]: expected a category code of at most 128 bytes, found 600 bytes (limit JL_MAX_CODE)'
imp v1-key.json --as jsonstat
v1 v1-key-number.json 2 1 '[1480, "2022"]'
EXP='v1-key-number.json: error: data[0].key[0]: expected a code as text, found 1480'
imp v1-key-number.json --as jsonstat
v1 v1-row.json 2 1 '["1480R001"]'
EXP='v1-row.json: error: data[0]: expected row 1 to have 2 keys and 1 values'
imp v1-row.json --as jsonstat
# --select cannot apply to v1 (no categories listed): a usage error, not dropped
expect_status 2 jl --db "$DB" indicator import "$T/v1-row.json" --as jsonstat --division regso2025 \
    --select Region=1480R001
expect_stderr 'v1-row.json: error: expected --select only with JSON-stat 2.0, found a PxWeb v1 response: ask PxWeb for the codes wanted instead'
[ "$(hash_db "$DB")" = "$before" ] || fail "v1 --select: database changed"

# ---- Kolada ----
printf 'kpi: N00945 = folkmangd\n' > "$T/k.map"
kolada() { # kolada FILE PYTHON-EXPRESSIONS-CHANGING-r
    python3 - "$T/$1" "$2" <<'PY'
import json, sys
r = {'kpi': 'N00945', 'municipality': '1480', 'period': 2022,
     'values': [{'gender': 'T', 'value': 1, 'status': ''}]}
exec(sys.argv[2])
json.dump({'values': [r]}, open(sys.argv[1], 'w'))
PY
}
kolada k-area.json "r['municipality'] = 'x' * 600"
EXP='k-area.json: error: values[0].municipality: expected an area code of at most 128 bytes, found 600 bytes (limit JL_MAX_CODE)'
imp k-area.json --as kolada --map "$T/k.map"
kolada k-ou.json "del r['municipality']; r['ou'] = 'x' * 600"
EXP='k-ou.json: error: values[0].ou: expected an area code of at most 128 bytes, found 600 bytes (limit JL_MAX_CODE)'
imp k-ou.json --as kolada --map "$T/k.map"
kolada k-kpi.json "r['kpi'] = 'N' * 600"
EXP='k-kpi.json: error: values[0].kpi: expected a KPI code of at most 128 bytes, found 600 bytes (limit JL_MAX_CODE)'
imp k-kpi.json --as kolada --map "$T/k.map"
kolada k-period.json "r['period'] = '2022' * 10"
EXP='k-period.json: error: values[0].period: expected a period such as 2022, found "2022202220222022202220222022202220222022"'
imp k-period.json --as kolada --map "$T/k.map"
kolada k-value.json "r['values'][0]['value'] = 'abc'"
EXP='k-value.json: error: values[0].values[0] (kpi=N00945, municipality=1480, period=2022): expected a number or null as the value, found "abc"'
imp k-value.json --as kolada --map "$T/k.map"
kolada k-gender.json "r['values'][0]['gender'] = 2"
EXP='k-gender.json: error: values[0].values[0] (kpi=N00945, municipality=1480, period=2022): expected gender T, K or M, found 2'
imp k-gender.json --as kolada --map "$T/k.map"
kolada k-twice.json "r['values'].append(dict(r['values'][0]))"
EXP='k-twice.json: error: values[0].values[1] (kpi=N00945, municipality=1480, period=2022): expected one value per indicator, area, period, sex and breakdown, found folkmangd 1480 2022 T twice'
imp k-twice.json --as kolada --map "$T/k.map"
kolada k-missing.json "del r['period']"
EXP='k-missing.json: error: values[0].period: expected a period such as 2022, found nothing'
imp k-missing.json --as kolada --map "$T/k.map"
printf '{"values": [],\n "values": []}' > "$T/k-dup.json"
EXP="k-dup.json:2:9: error: expected JSON: duplicate object key near '\"values\"'"
imp k-dup.json --as kolada --map "$T/k.map"

# ---- indicator define: every problem, nothing defined ----
IND='name: x\nunit: p\nkind: share\nbetter: none\nsource: s\n'
printf "indicator: a\n$IND"'stray line\n' > "$T/stray.indicators"
EXP='stray.indicators:7:6: error: expected "key: value", found "stray line"'
def stray.indicators
printf " indicator: a\n$IND" > "$T/indented.indicators"
EXP='indented.indicators:1:1: error: expected "key: value", found an indented line that continues nothing'
def indented.indicators
expect_stderr 'indented.indicators:2:1: error: expected a stanza starting with "indicator: ID", found "name"'
printf '\001\002garbage\377 here\n' > "$T/garbage.indicators"
EXP='garbage.indicators:1:10: error: expected UTF-8 text, found the invalid byte 0xFF'
def garbage.indicators
printf 'Lorem ipsum dolor\n sit amet\n\n{"json": 1}\n' > "$T/text-garbage.indicators"
EXP='text-garbage.indicators:1:6: error: expected "key: value", found "Lorem ipsum dolor"'
def text-garbage.indicators
expect_stderr 'text-garbage.indicators:2:1: error: expected "key: value", found an indented line that continues nothing'
expect_stderr 'text-garbage.indicators:4:1: error: expected "key: value", found "{"json": 1}"'
expect_stderr 'text-garbage.indicators: 3 problems; nothing defined'
printf '# only a comment\n' > "$T/none.indicators"
EXP='none.indicators:1:1: error: expected at least one "indicator: ID" stanza, found none'
def none.indicators
printf "indicator: %s\n$IND" "$L1000" > "$T/long-id.indicators"
EXP='long-id.indicators:1:12: error: expected an indicator id of at most 64 bytes, found 1000 bytes (limit JL_MAX_ID)'
def long-id.indicators
printf "indicator: a\n${IND}formula: %s folkmangd %s\n" "$(x '(' 200000)" "$(x ')' 200000)" > "$T/parens.indicators"
EXP='parens.indicators:7:10: error: expected a formula of at most 4096 bytes, found 400011 bytes (limit JL_MAX_FORMULA_LEN)'
def parens.indicators
printf "indicator: a\n${IND}formula: %sfolkmangd%s\n" "$(x '(' 100)" "$(x ')' 100)" > "$T/deep.indicators"
EXP='deep.indicators:7:74: error: expected parentheses and minus signs nested at most 64 deep, found deeper (limit JL_MAX_FORMULA_DEPTH)'
def deep.indicators
printf "indicator: a\n${IND}formula: %sfolkmangd\n" "$(x - 500000)" > "$T/minus.indicators"
EXP='minus.indicators:7:10: error: expected a formula of at most 4096 bytes, found 500009 bytes (limit JL_MAX_FORMULA_LEN)'
def minus.indicators
printf "indicator: a\n${IND}formula: %sfolkmangd\n" "$(x - 65)" > "$T/minus65.indicators"
EXP='minus65.indicators:7:74: error: expected parentheses and minus signs nested at most 64 deep, found deeper (limit JL_MAX_FORMULA_DEPTH)'
def minus65.indicators
printf "indicator: a\n${IND}formula: folkmangd%s\n" "$(python3 -c "print(''.join(' + f%d' % i for i in range(32)))")" > "$T/leaves.indicators"
EXP='leaves.indicators:7:198: error: expected at most 32 indicators in a formula, found more (limit JL_MAX_FORMULA_LEAVES)'
def leaves.indicators
printf "indicator: folkmangd\n${IND}formula: 2 * fodda_sverige\n" > "$T/used.indicators"
EXP='used.indicators:1:1: error: indicator folkmangd is used in the formulas of utrikes_fodda_andel: expected it without a formula, found one'
def used.indicators
printf "indicator: folkmangd\n${IND}formula: utrikes_fodda_andel / 100\n" > "$T/cycle.indicators"
EXP='cycle.indicators:7:10: error: expected a formula over indicators that have no formula, found utrikes_fodda_andel (derived)'
def cycle.indicators
expect_stderr 'cycle.indicators: 1 problem; nothing defined'

# ---- index build: only a new name, or an earlier index's ----
ib() { refused "$EXP" jl --db "$DB" index build "$1" --division regso2025 --period 2022 \
    --from 'medel_loneinkomst_tkr,utrikes_fodda_andel*-1'; }
EXP='error: expected a new name or that of an earlier index, found indicator folkmangd (count, from SCB'
ib folkmangd
EXP='error: expected a new name or that of an earlier index, found indicator tva_typ (count, from s): choose another name'
ib tva
EXP='error: expected an index name of letters, digits, '"'-'"' or '"'_'"', found ""'
ib ''
EXP='error: expected an index name of letters, digits, '"'-'"' or '"'_'"', found "my index"'
ib 'my index'
EXP='error: expected an index name (NAME_typ is stored too) of at most 60 bytes, found 3000 bytes (limit JL_MAX_ID)'
ib "$(x i 3000)"
# A division named by an import is a key of the store: an 80-byte one was
# stored, and then no parent lookup could find it.
printf 'indicator,area,period,value\nfolkmangd,1480R001,2022,5\n' > "$T/ok-long.csv"
refused 'error: expected a division id of at most 64 bytes, found 80 bytes (limit JL_MAX_ID)' \
    jl --db "$DB" indicator import "$T/ok-long.csv" --as long --division "$(x d 80)"
# Nine parts of an index: over the named limit, said as such.
n=$((n + 1))
expect_status 2 jl --db "$DB" index build nio --division regso2025 --period 2022 \
    --from 'folkmangd,fodda_sverige,utrikes_fodda_andel,medel_loneinkomst_tkr,lgh_hyresratt,lgh_bostadsratt,lgh_aganderatt,hyresratt_andel,lag_ekonomisk_standard_pct'
expect_stderr 'error: expected at most 8 indicators in --from, found more (limit JL_MAX_INDEX_PARTS)'
[ "$(hash_db "$DB")" = "$before" ] || fail "nine parts: database changed"
echo "210-broken-indicators ok: $n cases"
