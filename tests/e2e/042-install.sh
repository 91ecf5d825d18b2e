#!/bin/sh
# 042: make install's parts. Meson installs the binary, its data and the
# man page under a prefix; the installed jamlik finds its data beside
# itself (PREFIX/share/jamlik) after the whole tree has moved, and a
# binary in a checkout's build folder finds that checkout's data/, with
# JAMLIK_DATA still first.
. "$(dirname "$0")/lib.sh"
set -e
unset JAMLIK_DATA
b=$(dirname "$JAMLIK")
# What make install runs, in this build folder (its prefix unchanged).
make -n -C "$SRC" install BUILD="$b" PREFIX=/opt/jl DESTDIR="$T/pkg" > "$T/make-n" ||
    fail "make -n install"
grep -q "meson configure $b -Dprefix=/opt/jl" "$T/make-n" || fail "make install sets no prefix"
grep -q "DESTDIR=\"$T/pkg\" meson install -C $b" "$T/make-n" || fail "make install ignores DESTDIR"
meson install -C "$b" --no-rebuild --quiet --destdir "$T/d" > "$T/install.log" 2>&1 ||
    { cat "$T/install.log" >&2; fail "meson install"; }
bin=$(find "$T/d" -path '*/bin/jamlik' -type f)
[ -n "$bin" ] && [ -x "$bin" ] || fail "no bin/jamlik installed"
p=$(dirname "$(dirname "$bin")")
for f in share/jamlik/instruments/stockholmsenkaten-rise.instrument \
    share/jamlik/geo/goteborg_primaromraden.geojson share/jamlik/examples/goteborg-2024.csv \
    share/jamlik/statistics/scb_regso2020_2020_2023_gbg_malmo_hbg.csv; do
    [ -f "$p/$f" ] || fail "not installed: $f"
done
grep -q '^\.SS profile compare$' "$p/share/man/man1/jamlik.1" || fail "no man page"
grep -q 'Användning: jamlik profile' "$p/share/man/sv/man1/jamlik.1" || fail "no Swedish man page"
# The installed tree moves: its jamlik still finds its own data.
mv "$T/d" "$T/moved"
p=$(echo "$p" | sed "s|^$T/d|$T/moved|")
mkdir "$T/w" && cd "$T/w"
expect_status 0 "$p/bin/jamlik" --quiet demo --out demo.db
expect_status 0 "$p/bin/jamlik" --db demo.db --format csv areas list
expect_stdout "$p/share/jamlik/geo/goteborg_primaromraden.geojson"
JAMLIK_DATA="$T/nowhere" expect_status 1 "$p/bin/jamlik" demo --out other.db
expect_stderr "$T/nowhere/instruments/"
# A binary in a moved checkout's build folder: the checkout's data/.
mkdir -p "$T/co/build" "$T/co/data/instruments"
cp "$JAMLIK" "$T/co/build/jamlik"
cp "$RISE" "$T/co/data/instruments/"
expect_status 1 "$T/co/build/jamlik" demo --out other.db
expect_stderr "$T/co/data/geo/"
echo "042-install ok"
