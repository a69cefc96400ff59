# permdocs — the two commands a fresh machine needs are `make site` and `make test`.
SWIFT    ?= swift
PERMDOCS := .build/release/permdocs

.PHONY: deps release site test check clean

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

## Validate the example content and check the example client code and app manifest for scope drift.
check: release
	$(PERMDOCS) check --content content --client examples/client --manifest examples/client/entra-app-manifest.json

clean:
	rm -rf .build
