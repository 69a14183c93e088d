# Permanence Planner. Two commands for a fresh machine: `make run` and `make test`.
# DATABASE_URL (postgres://... or sqlite:///path) chooses the database for both.

PYTHON ?= python3
VENV := .venv
VENV_903 := .venv-903
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_CHILDREN ?= 400
DEMO_SEED ?= 2026
PG_URL ?= postgres://postgres@127.0.0.1:5432/permanence
BENCH_CHILDREN ?= 85000
export DJANGO_SETTINGS_MODULE := config.settings

LOAD_SECONDS ?= 30

.PHONY: load run test test-postgres test-browser bootstrap assets chromium migrate bench bench-postgres bench-903 validate-903 bench-matching clean help

help:
	@echo "make run             set up, load the demo council if empty, serve http://127.0.0.1:$(PORT)"
	@echo "make test            set up, then run the whole test suite (unit, database and browser tests)"
	@echo "make test-postgres   the suite (without browser tests) against PostgreSQL at $(PG_URL)"
	@echo "make test-browser    the browser journeys and accessibility checks in Chromium"
	@echo "make bench           national-scale benchmarks (demo generation, obligations batch)"
	@echo "make bench-matching  the matching optimiser against the greedy baseline (300 children, 3,000 carers)"
	@echo "make validate-903    the demo council's SSDA903 return through the DfE validation rules"
	@echo "make bench-903       export and import of a national-scale SSDA903 return (85,000 children)"

# --- bootstrap: virtual environment, pinned dependencies, front-end assets ----------------
$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/.built: node_modules/.installed $(BIN)/.installed scripts/build_assets.py $(wildcard static/src/*) $(wildcard static/scss/*)
	$(BIN)/python scripts/build_assets.py
	touch $@

bootstrap: $(BIN)/.installed static/build/.built

assets: static/build/.built

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium (Debian package) for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

migrate: bootstrap
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v0

# --- the two commands ------------------------------------------------------------------
run: migrate
	$(BIN)/permanence demo --children $(DEMO_CHILDREN) --seed $(DEMO_SEED) --if-empty
	@echo "Sign in as any demo user with password demo-permanence-2026. 'admin' is asked to set up"
	@echo "two-step sign-in (an authenticator app code) on first sign-in; it is required for administrators."
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: bootstrap chromium $(VENV_903)/.installed
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

# --- the stages .ci/run adds -----------------------------------------------------------
test-postgres: bootstrap
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not browser"

test-browser: bootstrap chromium
	$(BIN)/python -m pytest -q -m browser

bench: bootstrap
	$(BIN)/python -m permanence.bench --children $(BENCH_CHILDREN)

# --- the SSDA903 return: the DfE validator in its own environment (it pins pandas < 2) --------
RETURN_YEAR ?= 2026

$(VENV_903)/.installed: requirements-903.txt
	test -x $(VENV_903)/bin/python || $(PYTHON) -m venv $(VENV_903)
	$(VENV_903)/bin/pip install --quiet -r requirements-903.txt
	touch $@

validate-903: bootstrap $(VENV_903)/.installed
	rm -rf var/validate-903 && mkdir -p var/validate-903
	PERMANENCE_VAR_DIR=var/validate-903 $(BIN)/python manage.py migrate --noinput -v0
	PERMANENCE_VAR_DIR=var/validate-903 $(BIN)/permanence demo --children $(DEMO_CHILDREN) --seed $(DEMO_SEED) --today 2026-11-23 --quiet
	PERMANENCE_VAR_DIR=var/validate-903 $(BIN)/permanence export-903 --year $(RETURN_YEAR) --out var/validate-903/files
	$(VENV_903)/bin/python scripts/validate_903.py var/validate-903/files --year $(RETURN_YEAR)

bench-903: bootstrap
	$(BIN)/python -m permanence.returns.bench --children $(BENCH_CHILDREN)

bench-matching: bootstrap
	$(BIN)/python -m permanence.matching.bench --children 300 --carers 3000

clean:
	rm -rf $(VENV) $(VENV_903) node_modules static/build staticfiles var .pytest_cache

bench-postgres: bootstrap
	-dropdb -h 127.0.0.1 -U postgres --if-exists permanence_bench
	createdb -h 127.0.0.1 -U postgres permanence_bench
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/permanence_bench $(BIN)/python -m permanence.bench --children $(BENCH_CHILDREN)

# Load test: 50 concurrent staff on a 5,000-child council over loopback, LOAD_SECONDS long, served by
# gunicorn with production settings (LOAD_WORKERS processes x LOAD_THREADS threads; see scripts/load.py).
load: bootstrap
	mkdir -p var
	LOAD_SECONDS=$(LOAD_SECONDS) $(BIN)/python scripts/load.py
