# Starting and stopping jamlik serve in an e2e test (sourced after lib.sh).
# serve_start DB [OPTIONS]: starts it on a free port of 127.0.0.1, sets PORT
# and SERVE_PID, logs in $T/serve.err. serve_stop: SIGTERM, then checks
# that it exits 0 (in the ASan build a leak exits 86). serve_wait: the
# same for a server something else has sent the signal.
serve_start() {
    db=$1; shift
    # A second start in a test: the old announcement must not be read
    # before the new server's redirection has emptied the file.
    rm -f "$T/serve.out"
    "$JAMLIK" --db "$db" serve --listen 127.0.0.1:0 "$@" > "$T/serve.out" 2> "$T/serve.err" &
    SERVE_PID=$!
    i=0
    while ! grep -q '^listening on ' "$T/serve.out" 2>/dev/null; do
        i=$((i + 1))
        [ $i -lt 300 ] || { cat "$T/serve.err" >&2; fail "serve did not start"; }
        kill -0 $SERVE_PID 2>/dev/null || { cat "$T/serve.err" >&2; fail "serve exited"; }
        sleep 0.1
    done
    PORT=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)/$|\1|p' "$T/serve.out")
    [ -n "$PORT" ] || fail "no port in: $(cat "$T/serve.out")"
    trap 'kill $SERVE_PID 2>/dev/null; rm -rf "$T"' EXIT
}
serve_stop() {
    kill -TERM $SERVE_PID
    serve_wait
}
# serve_wait: waits for a server told to stop; it must exit 0.
serve_wait() {
    set +e
    wait $SERVE_PID
    st=$?
    set -e
    trap 'rm -rf "$T"' EXIT
    [ "$st" = 0 ] || { tail -40 "$T/serve.err" >&2; fail "serve exited with $st after SIGTERM"; }
}
