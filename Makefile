# permdocs — the two commands a fresh machine needs are `make site` and `make test`.
SWIFT    ?= swift
PERMDOCS := .build/release/permdocs

.PHONY: deps release site test test-asan test-tsan check bench bench-serve fuzz format format-check clean screenshots a11y serve-check man

SIZE ?= 20000
REPS ?= 3

deps:
	@scripts/install-deps

release: deps
	$(SWIFT) build -c release --product permdocs

## Build the example site from content/ and templates/ into output/.
site: release
	$(PERMDOCS) build --content content --templates templates --output output

## Run the whole test suite (unit and end-to-end through the real binary).
test: deps
	$(SWIFT) test

## The tests under AddressSanitizer (CI) and ThreadSanitizer (parallel rendering over C libraries).
# Leak checking covers every permdocs process the tests start (PERMDOCS_CHILD_ASAN_OPTIONS), not
# the test runner itself, whose Foundation Process and Swift Testing allocations LSan reports.
test-asan: deps
	ASAN_OPTIONS=detect_leaks=0 PERMDOCS_CHILD_ASAN_OPTIONS=detect_leaks=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/.lsan-suppressions:print_suppressions=0 \
	$(SWIFT) test --sanitize=address --scratch-path .build-asan

test-tsan: deps
	PERMDOCS_SANITIZER=thread $(SWIFT) test --sanitize=thread --scratch-path .build-tsan

## Fuzz each target for FUZZ_SECONDS (libFuzzer + AddressSanitizer); see scripts/fuzz.
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/fuzz $(FUZZ_SECONDS)

## Validate the example content and check the example client code and app manifest for scope drift.
check: release
	$(PERMDOCS) check --content content --client examples/client --manifest examples/client/entra-app-manifest.json

## Benchmark against the cmark-alone limit and Hugo (see bench/run.py and BENCHMARKS.md).
bench: release
	@command -v hugo >/dev/null || echo "bench: hugo is not installed; 'apt-get install hugo' adds it to the comparison"
	BENCH_SKIP_BUILD=1 python3 bench/run.py --size $(SIZE) --reps $(REPS)

## PNGs of every page (desktop, phone, dark, and each checklist's printed pages) in screenshots/.
screenshots: site
	scripts/screenshots output screenshots

## `permdocs serve` in headless Chromium: reload on save, the error overlay, recovery (scripts/serve-check).
serve-check: release
	scripts/serve-check .build/release/permdocs

## Save-to-reload of `permdocs serve` and `hugo server` at SIZE articles (bench/serve.py, BENCHMARKS.md).
bench-serve: release
	python3 bench/serve.py --size $(SIZE) --edits 20

## axe-core and horizontal overflow over every page in headless Chromium (see scripts/a11y-check).
a11y: site
	scripts/a11y-check output

## One self-contained Linux executable, dist/permdocs (static Swift runtime, libyaml, libcmark; the
## Microsoft data compiled in), with a .tar.gz and its SHA-256 (scripts/make-dist, README "Install").
.PHONY: dist dist-check
dist: deps
	scripts/make-dist

## Proves dist/permdocs needs nothing but glibc: ldd, then check/build/urls alone in an empty
## folder with an empty environment (scripts/dist-check; run by .ci/run).
dist-check: dist
	scripts/dist-check

## Format Package.swift, Sources/ and Tests/ in place with the toolchain's swift-format and
## .swift-format; format-check fails on any difference (not yet part of .ci/run).
FORMAT_PATHS := Package.swift Sources Tests
format:
	$(SWIFT) format format --configuration .swift-format --in-place --recursive --parallel $(FORMAT_PATHS)

format-check:
	$(SWIFT) format lint --configuration .swift-format --strict --recursive --parallel $(FORMAT_PATHS)

## The manual page, man/permdocs.1 (ignored), with swift-argument-parser's generate-manual plugin
## over the debug build; dated by the last commit so it is the same on every machine.
MAN_DATE ?= $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
man: deps
	$(SWIFT) package plugin generate-manual --configuration debug --date $(MAN_DATE)
	mkdir -p man
	cp .build/plugins/GenerateManual/outputs/permdocs/permdocs.1 man/permdocs.1
	@echo "make man: wrote man/permdocs.1 (read it: man -l man/permdocs.1)"

clean:
	rm -rf .build
