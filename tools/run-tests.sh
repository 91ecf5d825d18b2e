#!/bin/sh
# Runs every test suite of each given build directory through meson test
# and prints one closing line: "N passed, N failed".
passed=0
failed=0
status=0
for b in "$@"; do
    echo "== tests in $b"
    meson test -C "$b" --print-errorlogs --no-rebuild > "$b/test-output.txt" 2>&1 || status=1
    cat "$b/test-output.txt" | grep -E '^ *[0-9]+/[0-9]+ ' || true
    ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$b/test-output.txt")
    bad=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$b/test-output.txt")
    to=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$b/test-output.txt")
    [ -n "$ok" ] || { ok=0; bad=$((bad + 1)); }
    passed=$((passed + ok))
    failed=$((failed + ${bad:-0} + ${to:-0}))
    if [ "${bad:-0}" != 0 ] || [ "${to:-0}" != 0 ]; then
        grep -B2 -A30 -E 'FAIL|ERROR' "$b/test-output.txt" | head -120
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$status" = 0 ]
