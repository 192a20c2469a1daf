# The quick start is `make demo` (set up, build, validate the sample repository) and
# `make test`. Both install missing system packages first.
SWIFT ?= swift
SAMPLE ?= .build/sample-repo
BENCH_CACHE ?= $(HOME)/.cache/handoff-bench
# The cold history figures (one run each, beside the reference script) are part of every run.
BENCH_FLAGS ?= --cold

PREFIX ?= /usr/local
# Everything `make install` puts under PREFIX, and so everything `make uninstall` removes.
INSTALLED = bin/handoff share/man/man1/handoff.1 share/bash-completion/completions/handoff \
  share/zsh/site-functions/_handoff share/fish/vendor_completions.d/handoff.fish \
  $(addprefix share/handoff/schema/,$(notdir $(wildcard schema/*.json))) \
  $(addprefix share/handoff/schema/draft-07/,$(notdir $(wildcard schema/draft-07/*.json)))

.PHONY: deps demo build release test bench fuzz schemas install uninstall dist dist-check format

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

# Formats every Swift file by `.swift-format` (2-space indent, lines of at most 100 columns);
# `make test` fails on code that is not formatted so.
FORMATTED = Sources Tests Fuzz
format:
	$(SWIFT) format format --in-place --recursive --parallel $(FORMATTED)

test:
	@bash scripts/install-deps.sh --browser
	$(SWIFT) format lint --strict --recursive --parallel $(FORMATTED)
	$(SWIFT) build --build-tests
	@bash scripts/share.sh .build/debug/handoff
	HANDOFF_REQUIRE_BROWSER=1 HANDOFF_REQUIRE_SHARE=1 HANDOFF_REQUIRE_ICAL=1 $(SWIFT) test

bench: release
	.build/release/handoff-bench --cache $(BENCH_CACHE) $(BENCH_FLAGS)

fuzz: deps
	bash scripts/fuzz.sh $(or $(SECONDS),60)

schemas:
	python3 scripts/embed-schemas.py
	$(SWIFT) run handoff schema --draft7 schema/draft-07

# The binary, the man page, completions for bash, zsh and fish, and the schemas, under PREFIX.
install: release
	@bash scripts/share.sh .build/release/handoff
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d $(DESTDIR)$(PREFIX)/share/handoff/schema/draft-07
	install -m 755 .build/release/handoff $(DESTDIR)$(PREFIX)/bin/handoff
	cd .build/share && for f in $(patsubst share/%,%,$(filter share/%,$(INSTALLED))); do \
	  install -m 644 "$$f" "$(DESTDIR)$(PREFIX)/share/$$f"; done

# Removes exactly what `make install` wrote (and the schema folders, once empty).
uninstall:
	cd $(DESTDIR)$(PREFIX) && rm -f $(INSTALLED)
	-rmdir $(DESTDIR)$(PREFIX)/share/handoff/schema/draft-07 $(DESTDIR)$(PREFIX)/share/handoff/schema \
	  $(DESTDIR)$(PREFIX)/share/handoff 2>/dev/null

dist: release
	@bash scripts/dist.sh

dist-check: dist
	@bash scripts/dist-check.sh
