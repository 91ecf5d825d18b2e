#!/bin/sh
# 095: a profile over several waves (profile --wave A,B,C): each cell per
# wave side by side and the change between consecutive waves with its 95 %
# interval (Newcombe's hybrid score, recomputed here from the two Wilson
# intervals), flagged only where the interval excludes 0; flags as the
# fixed codes worse/better in CSV and JSON and as words in tables; tables
# within 120 columns unless --wide; the refusals of a bad wave list.
. "$(dirname "$0")/lib.sh"
set -e
DB="$T/db"
expect_status 0 jl --db "$DB" --quiet init
expect_status 0 jl --db "$DB" --quiet instrument import "$RISE"
# 2022 and 2024 hold the same answers (no change anywhere); in 2025 every
# respondent answers the nine Utagerande items at the top of the scale.
for w in 2022 2024; do
    expect_status 0 jl --db "$DB" --quiet survey import "$SMALL" \
        --instrument stockholmsenkaten-rise --wave "$w" --areas primaromrade,mellanomrade
done
awk -F, 'BEGIN { OFS = "," } NR > 1 { for (i = 7; i <= 15; i++) $i = 4 } { print }' \
    "$SMALL" > "$T/w2025.csv"
expect_status 0 jl --db "$DB" --quiet survey import "$T/w2025.csv" \
    --instrument stockholmsenkaten-rise --wave 2025 --areas primaromrade,mellanomrade

# One wave is the profile as always.
expect_status 0 jl --db "$DB" --format csv profile --wave 2024 --division mellanomrade --headline
head -1 "$T/out" | grep -q '^division,area,name,wave,grade,sex,scale,' || fail "one wave's header"

# The arithmetic of the changes, so the working view: the 2025 wave made
# for this test has whole groups reaching Utagerande, which the primary
# rules hide.
expect_status 0 jl --db "$DB" --format csv profile --wave 2022,2024,2025 --division primaromrade \
    --by grade,sex --unprotected
expect_stderr "NOT FOR PUBLICATION"
expect_stderr "Change: points from one wave to the next with a 95 % interval (Newcombe)"
python3 - "$T/out" <<'PY' || fail "changes differ from the recount"
import csv, math, sys
z = 1.959963984540054

def wilson(k, n):
    p = k / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (0.0 if k == 0 else mid - half), (1.0 if k == n else mid + half)

rows = list(csv.DictReader(open(sys.argv[1])))
want = ['n_scored_2022', 'pct_2024', 'ci_high_2025', 'flag_2022', 'reason_2025',
        'change_2022_2024', 'change_lo_2024_2025', 'change_hi_2024_2025',
        'change_flag_2024_2025']
missing = [c for c in want if c not in rows[0]]
assert not missing, missing
bad = flagged = 0
for r in rows:
    for a, b in (('2022', '2024'), ('2024', '2025')):
        ch = r[f'change_{a}_{b}']
        if r[f'pct_{a}'] == '' or r[f'pct_{b}'] == '':
            bad += ch != '' or r[f'change_flag_{a}_{b}'] != ''
            continue
        na, nb = int(r[f'n_scored_{a}']), int(r[f'n_scored_{b}'])
        ka = round(float(r[f'pct_{a}']) * na / 100)
        kb = round(float(r[f'pct_{b}']) * nb / 100)
        pa, pb = ka / na, kb / nb
        la, ua = wilson(ka, na)
        lb, ub = wilson(kb, nb)
        d = pb - pa
        lo = d - math.sqrt((pb - lb) ** 2 + (ua - pa) ** 2)
        hi = d + math.sqrt((ub - pb) ** 2 + (pa - la) ** 2)
        side = 1 if lo > 0 else -1 if hi < 0 else 0
        if r['kind'] == 'protective':
            side = -side
        flag = {1: 'worse', -1: 'better', 0: ''}[side]
        ok = (abs(float(ch) - 100 * d) < 1e-9
              and abs(float(r[f'change_lo_{a}_{b}']) - 100 * lo) < 1e-9
              and abs(float(r[f'change_hi_{a}_{b}']) - 100 * hi) < 1e-9
              and r[f'change_flag_{a}_{b}'] == flag)
        if a == '2022':
            ok = ok and d == 0 and flag == ''
        flagged += flag != ''
        if not ok:
            bad += 1
            if bad < 4:
                print('differs:', a, b, dict(r))
print(f'{len(rows)} rows, {flagged} changes flagged, {bad} differ')
sys.exit(1 if bad or flagged == 0 else 0)
PY
# The change of Utagerande in the whole of 101 from 2024 to 2025 is flagged.
python3 - "$T/out" <<'PY' || fail "Utagerande 2024-2025 not flagged"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding='utf-8'))
        if r['area'] == '101' and r['grade'] == 'T' and r['sex'] == 'T'
        and r['scale'] == 'Utagerande' and r['headline'] == '1']
assert len(rows) == 1 and rows[0]['change_flag_2024_2025'] in ('worse', 'better'), rows
PY
# Flags are fixed codes in every machine format, never words.
! grep -qE ',(high|low|sämre|bättre)' "$T/out" || fail "a flag in words in CSV"
expect_status 0 jl --db "$DB" --format json profile --wave 2024,2025 --division mellanomrade --headline \
    --unprotected
grep -q '^{"unprotected":true,' "$T/out" || fail "JSON says unprotected first"
grep -qE '"change_flag_2024_2025":"(worse|better)"' "$T/out" || fail "JSON change flag code"
grep -q '"adjust":"bh"' "$T/out" || fail "JSON meta adjust"

# Tables: words, at most 120 columns, unless --wide.
width() { python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1])))' "$1"; }
for args in "profile --wave 2022,2024,2025 --division primaromrade --by grade,sex" \
            "profile --wave 2024 --division primaromrade --by grade,sex" \
            "profile --wave 2024 --division mellanomrade --norm city" \
            "priorities --wave 2025 --division primaromrade --area 101 --top 7"; do
    for lang in sv en; do
        # shellcheck disable=SC2086
        expect_status 0 jl --db "$DB" --lang $lang $args
        [ "$(width "$T/out")" -le 120 ] || fail "$lang $args: $(width "$T/out") columns"
    done
done
expect_status 0 jl --db "$DB" --lang sv profile --wave 2024,2025 --division primaromrade --unprotected
head -1 "$T/out" | grep -q '^EJ FÖR PUBLICERING' || fail "the working view's first line"
grep -qE 'sämre än 2024|bättre än 2024' "$T/out" || fail "no change in words"
# Flags against the norm say what they mean for the scale, in words;
# never "hög"/"låg" (high/low), which mean opposite things on risk and
# protective scales.
expect_status 0 jl --db "$DB" --lang sv profile --wave 2024 --division primaromrade --by grade,sex
grep -qE '  (sämre|bättre) än normen *$' "$T/out" || fail "no flag in Swedish words"
! grep -qE '  (hög|låg) *$' "$T/out" || fail "a flag says high or low"
expect_status 0 jl --db "$DB" --lang en profile --wave 2024 --division primaromrade --by grade,sex
grep -qE '  (worse|better) than the norm *$' "$T/out" || fail "no flag in English words"
expect_status 0 jl --db "$DB" --lang sv --wide profile --wave 2024,2025 --division primaromrade
[ "$(width "$T/out")" -gt 120 ] || fail "--wide shows no more"
expect_stdout "med poäng 2024"
expect_stdout "skäl 2025"
expect_status 0 jl --db "$DB" --wide profile --wave 2024 --division primaromrade
expect_stdout "norm source"
expect_stdout "p adjusted"

# A list of waves is checked before anything is computed.
expect_status 2 jl --db "$DB" profile --wave 2024,2024 --division primaromrade
expect_stderr "wave 2024 is named twice"
expect_status 2 jl --db "$DB" profile --wave 2022,,2024 --division primaromrade
expect_stderr "without empty names"
expect_status 2 jl --db "$DB" profile --wave 1,2,3,4,5,6,7,8,9,10,11 --division primaromrade
expect_stderr "(limit JL_MAX_WAVES_COMPARED)"
expect_status 1 jl --db "$DB" profile --wave 2024,1999 --division primaromrade
expect_status 2 jl --db "$DB" profile --wave 2024 --adjust holm
expect_stderr 'expected --adjust bh or none, found "holm"'
echo "095-profile-waves: ok"
