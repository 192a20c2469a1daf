# The quick start is `make demo` (set up, build, validate the sample repository) and
# `make test`. Both install missing system packages first.
SWIFT ?= swift
SAMPLE ?= .build/sample-repo
BENCH_CACHE ?= $(HOME)/.cache/handoff-bench

.PHONY: deps demo build release test bench fuzz schemas

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

# The release binary carries the Swift runtime inside it (only libgit2 and libfyaml come from
# the system): it starts in a third of the time and runs where no Swift is installed.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

demo: release
	@bash scripts/sample-repo.sh $(SAMPLE)
	@echo "\$$ handoff validate --repo $(SAMPLE)"
	@.build/release/handoff validate --repo $(SAMPLE); status=$$?; \
	  echo "(exit status $$status: 0 clean, 1 findings, 2 could not run)"; \
	  [ $$status -le 1 ]

test:
	@bash scripts/install-deps.sh --browser
	$(SWIFT) build --build-tests
	HANDOFF_REQUIRE_BROWSER=1 $(SWIFT) test

bench: release
	.build/release/handoff-bench --cache $(BENCH_CACHE)

fuzz: deps
	bash scripts/fuzz.sh $(or $(SECONDS),60)

schemas:
	python3 scripts/embed-schemas.py
	$(SWIFT) run handoff schema --draft7 schema/draft-07
