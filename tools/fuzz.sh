#!/bin/sh
# Runs every libFuzzer target of a -Dfuzz=true build (make fuzz):
#   tools/fuzz.sh BUILD SECONDS TARGET...
# Each target runs in two phases from the same corpus folder
# (BUILD/corpus-T, grown over runs), the committed seeds fuzz/corpus/T and
# the seeds fuzz/seeds.py wrote (BUILD/fuzz/seeds/T): a quarter of the time
# with inputs up to 1.2 MB, so that the deep and large seeds are run and
# mutated whole, then the rest at up to 64 KiB, where runs are a hundred
# times faster. Prints each phase's runs and coverage; a crash, leak or
# timeout stops with its file (BUILD/crash-T-*) and status 1.
set -u
b=$1 secs=$2
shift 2
big=$((secs / 4))
[ "$big" -ge 1 ] || big=1
small=$((secs - big))
[ "$small" -ge 1 ] || small=1
for t in "$@"; do
    mkdir -p "$b/corpus-$t"
    dict=
    [ -f "fuzz/dict/$t.dict" ] && dict="-dict=fuzz/dict/$t.dict"
    echo "== fuzz_$t: $big s at up to 1.2 MB, $small s at up to 64 KiB"
    for phase in "$big 1200000" "$small 65536"; do
        set -- $phase
        # shellcheck disable=SC2086
        "./$b/fuzz/fuzz_$t" -max_total_time="$1" -max_len="$2" -rss_limit_mb=4096 -timeout=60 \
            $dict -print_final_stats=1 -artifact_prefix="$b/crash-$t-" \
            "$b/corpus-$t" "fuzz/corpus/$t" "$b/fuzz/seeds/$t" > "$b/fuzz-$t.log" 2>&1
        st=$?
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$b/fuzz-$t.log")
        cov=$(grep -o 'cov: [0-9]*' "$b/fuzz-$t.log" | tail -1)
        echo "   max_len $2: ${runs:-?} runs, $cov"
        if [ "$st" != 0 ]; then
            grep -E 'SUMMARY|ERROR|Test unit written' "$b/fuzz-$t.log" | head -5
            echo "fuzz_$t failed: $b/fuzz-$t.log"
            exit 1
        fi
    done
done
