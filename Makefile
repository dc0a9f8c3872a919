# Actes: every target sets itself up from nothing (virtual env, pinned packages).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ADDRESS ?= 127.0.0.1:8000
# Material's end-of-life banner is noise in every build log.
export NO_MKDOCS_2_WARNING := 1

CHROMIUM ?= /usr/bin/chromium

.PHONY: serve test build check bench lock clean browser

$(INSTALLED): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## check: validate data and docs without building
check: $(INSTALLED)
	$(BIN)/actes check

## build: strict build into a temporary folder; replaces site/ only when it succeeds
build: $(INSTALLED)
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf site && mv .site-build site

## serve: strict build, then a live preview on $(ADDRESS) that rebuilds only what changed
## (--dirty cannot be --strict: MkDocs warns about every dirty build; `make build` stays strict)
serve: build
	ACTES_INCREMENTAL=1 $(BIN)/mkdocs serve --dirty --no-strict --dev-addr $(ADDRESS)

## browser: Debian's Chromium for the browser tests (installed with apt-get when missing)
browser:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then \
	  echo "Chromium is missing at $(CHROMIUM): install it (Debian/Ubuntu package 'chromium'), or set CHROMIUM=/path/to/chromium." >&2; exit 1; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; elif command -v sudo >/dev/null; then sudo=sudo; else \
	  echo "Chromium is missing and installing it needs root: run 'apt-get install chromium' as root." >&2; exit 1; fi; \
	echo "Installing Debian's chromium for the browser tests..."; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null

## test: the whole test suite (builds the real site, drives Chromium)
test: $(INSTALLED) browser
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

## bench: build synthetic corpora of 1, 10, 50 and 100 days, full and bare; writes bench/results.json
bench: $(INSTALLED) browser
	CHROMIUM=$(CHROMIUM) $(BIN)/python bench/run.py

## lock: re-pin every package after a change to pyproject.toml
lock: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	{ head -n 2 requirements.lock; $(BIN)/python -m pip freeze --all --exclude-editable | grep -v -e '^pip==' -e '^actes'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) site .site-build
