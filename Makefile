# Two commands for a new user: `make run` and `make test`. Everything else here serves them.
SHELL := /bin/bash
# The first Python 3.11+ on the PATH; override with `make PYTHON=/path/to/python3.11 ...`.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do   $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app marketplace
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
INSTANCE := $(or $(MARKETPLACE_INSTANCE_PATH),instance)
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run serve test lint bench install setup system-run-deps system-test-deps clean i18n-extract i18n-update i18n-compile

## run: install, migrate, load demo data into an empty database and serve on http://127.0.0.1:5000
run: setup
	$(FLASK) run --debug --host $(HOST) --port $(PORT)

## test: lint, install what the tests need (Chromium, PostgreSQL) and run the whole suite, on SQLite and on PostgreSQL
test: lint system-test-deps
	$(BIN)/pytest
	@echo "== The same suite on PostgreSQL (browser and subprocess tests run once, above) =="
	MARKETPLACE_TEST_POSTGRES_URL=$$(tests/postgres-server.sh) $(BIN)/pytest -q -m "not browser and not subprocess"

## lint: ruff, and the import contracts between domains (pyproject.toml); a finding fails like a failing test
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## bench: the benchmarks whose figures are in README (an hour or more at 100k; not tests); BASELINE: the commit search is compared with
BASELINE ?= 44fe7a2
bench: install
	$(BIN)/python bench/search_bench.py --n 10000
	$(BIN)/python bench/referral_load.py
	$(BIN)/python bench/reports_bench.py
	$(BIN)/python bench/hsds_bench.py
	$(BIN)/python bench/search_compare.py --baseline $(BASELINE)
	$(BIN)/python bench/serve_bench.py
	$(BIN)/python bench/reindex_bench.py

## setup: everything `run` does before serving (also used by the tests of `make run`)
setup: install system-run-deps $(INSTANCE)/config.py
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	$(FLASK) search sync
	$(FLASK) jobs run-due

## serve: the production server under gunicorn, configured by MARKETPLACE_* variables (README: Production)
serve: install
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py marketplace.wsgi:app

install: $(VENV)/.installed i18n-compile

## i18n-extract: collect every marked string of code, templates and emails into translations/messages.pot
i18n-extract: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_ngettext:1,2 --no-wrap --omit-header -o translations/messages.pot .

## i18n-update: bring the Swedish and English catalogues up to date with messages.pot (new strings are untranslated)
i18n-update: i18n-extract
	$(BIN)/pybabel -q update -i translations/messages.pot -d translations --no-wrap --ignore-obsolete

## i18n-compile: the .mo files the site reads, from the .po catalogues (part of install)
CATALOGUES := $(wildcard translations/*/LC_MESSAGES/messages.po)
i18n-compile: $(CATALOGUES:.po=.mo)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel -q compile -i $< -o $@

$(BIN)/python:
	@[ -n "$(PYTHON)" ] || { echo "Python 3.11 or newer is needed: install it, or give PYTHON=/path/to/python3.11."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# A development secret key, made once; production sets MARKETPLACE_SECRET_KEY instead.
$(INSTANCE)/config.py:
	@mkdir -p $(INSTANCE)
	@$(PYTHON) -c 'import secrets; print(f"SECRET_KEY = {secrets.token_hex(32)!r}")' > $@
	@echo "Created $@ with a random SECRET_KEY."

# Voikko (Finnish morphology) for search; without it search falls back to the Snowball stemmer.
system-run-deps:
	@{ dpkg -s libvoikko1 voikko-fi >/dev/null 2>&1 || ! command -v apt-get >/dev/null; } || { \
	  echo "Installing Voikko for Finnish search (apt)..."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libvoikko1 voikko-fi; }

system-test-deps: system-run-deps
	@command -v chromium >/dev/null || { \
	  echo "Installing Chromium for the browser tests (apt)..."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

clean:
	rm -rf $(VENV) .pytest_cache
