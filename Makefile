# A thin layer of verbs over Meson; the real build is meson.build.
BUILD ?= build
ASAN_BUILD ?= build-asan
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test unit asan demo bench bench-web fuzz clean format install

all: build

# Installs the Debian packages listed in debian-packages.txt that are
# missing. apt-get update runs first, as a fresh machine has no lists.
deps:
	@missing=$$(grep -v '^#' debian-packages.txt | grep -v '^$$' | while read p; do \
	    dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || echo "$$p"; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$(echo $$missing | tr '\n' ' ')"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
	@# The browser tests' tools, pinned in tests/browser/package-lock.json
	@# (Node.js comes with the machine; Chromium is Debian's).
	@[ -d tests/browser/node_modules/playwright-core ] || \
	  npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund

$(BUILD)/build.ninja:
	meson setup $(BUILD) -Dwerror=true

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

# Every suite (unit, end-to-end) in the normal build, then again under
# ASan+UBSan; ends with one line "N passed, N failed".
test: build
	@$(MAKE) --no-print-directory asan-build
	@sh tools/run-tests.sh $(BUILD) $(ASAN_BUILD)

asan-build: deps
	@[ -f $(ASAN_BUILD)/build.ninja ] || meson setup $(ASAN_BUILD) -Dwerror=true \
	  -Db_sanitize=address,undefined -Dc_args=-fno-sanitize-recover=all -Dbuildtype=debug
	ninja -C $(ASAN_BUILD)

asan: asan-build
	@sh tools/run-tests.sh $(ASAN_BUILD)

# Installs bin/jamlik, its data (share/jamlik, where the installed jamlik
# looks first) and the man page jamlik(1) (English, and Swedish under
# man/sv) under PREFIX, below DESTDIR when packaging: Meson's install,
# with the build folder's prefix set to PREFIX.
PREFIX ?= /usr/local
DESTDIR ?=

install: build
	meson configure $(BUILD) -Dprefix=$(PREFIX)
	ninja -C $(BUILD)
	DESTDIR="$(DESTDIR)" meson install -C $(BUILD) --no-rebuild

# Builds demo.db in the current folder (Göteborg, synthetic answers),
# prints the profile and priorities of Backa and Centrala Tynnered, then
# serves the web pages on it and prints their address (Ctrl-C stops it).
demo: build
	./$(BUILD)/jamlik demo
	./$(BUILD)/jamlik --db demo.db serve --listen 127.0.0.1:8080

# Figures, never asserted: 1,000,000 synthetic respondents through import,
# load, scoring and aggregation (bench/bench.c); then the audit of a
# city-sized release export (bench/city-release.py: threshold-only, so
# most of its hidden values fail and each is bounded exactly).
# Then protection (primary rules, secondary suppression, the audit) of a
# raw city release per wave (bench/city-release.py --raw, read by
# bench/protect.c), three waves one after another, each on its own
# (different waves share no respondents); BENCH_MELLAN mellanområden,
# each wave stopped after BENCH_PROTECT_LIMIT seconds.
# Last, the web application under wrk (bench/web-bench.sh): an area page
# and an API answer, BENCH_WEB_CONNECTIONS connections for
# BENCH_WEB_SECONDS each, direct and through deploy/nginx.conf;
# `make bench-web` runs only that.
BENCH_MELLAN ?= 20
BENCH_PROTECT_LIMIT ?= 600
BENCH_WEB_SECONDS ?= 30
BENCH_WEB_CONNECTIONS ?= 50
bench-web: build
	@sh bench/web-bench.sh $(BUILD) $(BENCH_WEB_SECONDS) $(BENCH_WEB_CONNECTIONS)

bench: build
	./$(BUILD)/jamlik-bench
	@python3 bench/city-release.py $(BUILD)/bench-city
	@t0=$$(date +%s.%N); ./$(BUILD)/jamlik --lang en --format csv audit $(BUILD)/bench-city \
	  > $(BUILD)/bench-city.out 2> $(BUILD)/bench-city.err; \
	  t1=$$(date +%s.%N); tail -1 $(BUILD)/bench-city.err; \
	  echo "audit of the city release: $$(awk "BEGIN { print $$t1 - $$t0 }") s"
	@t0=$$(date +%s.%N); for w in 2022 2023 2024; do \
	  python3 bench/city-release.py $(BUILD)/bench-raw-$$w $(BENCH_MELLAN) --raw --wave $$w \
	    > /dev/null; \
	  echo "protection of wave $$w ($(BENCH_MELLAN) mellanområden of 4, 5 groups):"; \
	  timeout $(BENCH_PROTECT_LIMIT) ./$(BUILD)/jamlik-bench-protect $(BUILD)/bench-raw-$$w \
	    || echo "  not finished or not passed (exit $$?)"; \
	done; t1=$$(date +%s.%N); \
	echo "protection of three waves: $$(awk "BEGIN { print $$t1 - $$t0 }") s"
	@sh bench/web-bench.sh $(BUILD) $(BENCH_WEB_SECONDS) $(BENCH_WEB_CONNECTIONS)

# libFuzzer with ASan+UBSan on every target fuzz/fuzz_*.c, FUZZ_SECONDS
# each (default 120), starting from the committed seeds, the deep and large
# ones fuzz/seeds.py writes, and the corpus grown by earlier runs, with the
# target's dictionary fuzz/dict/T.dict when there is one (tools/fuzz.sh).
# Prints each target's runs and coverage. Crashes are saved as
# $(FUZZ_BUILD)/crash-*; copy one into fuzz/corpus/TARGET/ and make test
# replays it from then on.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 120
FUZZ_TARGETS ?= $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_PACKAGES = clang libclang-rt-14-dev

fuzz: deps
	@missing=$$(for p in $(FUZZ_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || echo "$$p"; \
	  done); \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
	@# The browser tests' tools, pinned in tests/browser/package-lock.json
	@# (Node.js comes with the machine; Chromium is Debian's).
	@[ -d tests/browser/node_modules/playwright-core ] || \
	  npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund
	@[ -f $(FUZZ_BUILD)/build.ninja ] || CC=clang meson setup $(FUZZ_BUILD) -Dfuzz=true \
	  -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized \
	  -Dc_args=-fsanitize=fuzzer-no-link
	ninja -C $(FUZZ_BUILD)
	@sh tools/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
