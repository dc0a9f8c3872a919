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
CLIENTS := tests/clients

.PHONY: serve test build publish check bench lock clean system system-pdf clients

$(INSTALLED): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## check: validate data and docs without building
check: $(INSTALLED)
	$(BIN)/actes check

## build: strict build into a temporary folder; replaces site/ only when it succeeds
build: $(INSTALLED) system-pdf
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf site && mv .site-build site

## publish: strict build for the public site into site/, refused without a public https
## ACTES_SITE_URL (permalinks, canonical links, sitemap and citations are absolute)
publish: $(INSTALLED) system-pdf
	rm -rf .site-build
	ACTES_PUBLICATION=1 $(BIN)/mkdocs build --strict --site-dir .site-build || { rm -rf .site-build; exit 1; }
	rm -rf site && mv .site-build site
	@echo "Site publiable dans site/ pour $$ACTES_SITE_URL"

## serve: strict build, then a live preview on $(ADDRESS) that rebuilds only what changed
## (--dirty cannot be --strict: MkDocs warns about every dirty build; `make build` stays strict)
serve: build
	ACTES_INCREMENTAL=1 $(BIN)/mkdocs serve --dirty --no-strict --dev-addr $(ADDRESS)

# Installs the Debian packages named in $(1) when any is missing: with apt-get, as root or with sudo;
# elsewhere it stops and names them.
define apt_install
	if ! command -v apt-get >/dev/null; then \
	  echo "Missing:$(1). Install them (Debian/Ubuntu package names)." >&2; exit 1; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; elif command -v sudo >/dev/null; then sudo=sudo; else \
	  echo "Missing:$(1). Installing them needs root: run 'apt-get install$(1)' as root." >&2; exit 1; fi; \
	echo "Installing Debian's$(1)..."; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $(1) >/dev/null
endef

## system-pdf: what every build needs for the PDF of each study day (actes/outputs/pdf.py):
## Pango and HarfBuzz for WeasyPrint, and the Liberation 2 fonts (SIL OFL) it embeds.
FONTS_DIR ?= /usr/share/fonts/truetype/liberation2
LDCONFIG := $(shell command -v ldconfig || echo /sbin/ldconfig)
system-pdf:
	@missing=; \
	$(LDCONFIG) -p | grep -q 'libpango-1.0.so.0 ' || missing="$$missing libpango-1.0-0"; \
	$(LDCONFIG) -p | grep -q 'libpangoft2-1.0.so.0 ' || missing="$$missing libpangoft2-1.0-0"; \
	$(LDCONFIG) -p | grep -q 'libharfbuzz-subset.so.0 ' || missing="$$missing libharfbuzz-subset0"; \
	[ -f "$(FONTS_DIR)/LiberationSerif-Regular.ttf" ] || missing="$$missing fonts-liberation2"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	$(call apt_install,$$missing)

## system: besides system-pdf, the Debian packages the tests and the benchmark run: Chromium (browser
## tests), a Java runtime (the W3C Nu HTML Checker), Node.js and npm (the checker's package).
system: system-pdf
	@missing=; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	$(call apt_install,$$missing)

# The clients the tests check the site with, at the exact versions of tests/clients/package-lock.json.
$(CLIENTS)/node_modules/.installed: $(CLIENTS)/package.json $(CLIENTS)/package-lock.json | system
	npm ci --prefix $(CLIENTS) --no-audit --no-fund --loglevel=error
	touch $@

clients: $(CLIENTS)/node_modules/.installed

## test: the whole test suite (builds the real site, drives Chromium)
test: $(INSTALLED) system clients
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

## bench: build synthetic corpora of 1, 10, 50 and 100 days, full and bare; writes bench/results.json
bench: $(INSTALLED) system clients
	CHROMIUM=$(CHROMIUM) $(BIN)/python bench/run.py

## lock: re-pin every package after a change to pyproject.toml
lock: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	{ head -n 2 requirements.lock; $(BIN)/python -m pip freeze --all --exclude-editable | grep -v -e '^pip==' -e '^actes'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) site .site-build $(CLIENTS)/node_modules
