# Permanence Planner. Two commands for a fresh machine: `make run` and `make test`.
# DATABASE_URL (postgres://... or sqlite:///path) chooses the database for both.

PYTHON ?= python3
VENV := .venv
VENV_903 := .venv-903
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_CHILDREN ?= 400
DEMO_SEED ?= 2026
# The policy pack the whole product runs (england, leeds, camden, birmingham or a council's own).
POLICY ?= $(or $(PERMANENCE_POLICY),england)
PG_URL ?= postgres://postgres@127.0.0.1:5432/permanence
BENCH_CHILDREN ?= 85000
export DJANGO_SETTINGS_MODULE := config.settings
# Every target here is development or a test on this machine, so each opts in to DEBUG=1: the
# settings default to DEBUG off, as a council's server runs (docs/deploy.md), and refuse to start
# there without the production keys. The servers that `make load` and `make prod-check` start run
# with production settings (DEBUG=0 and keys of their own), set by their scripts.
export DEBUG ?= 1

LOAD_SECONDS ?= 30

.PHONY: prod-check load load-sqlite load-postgres load-think run test test-quick lint typecheck test-postgres test-browser bootstrap assets chromium migrate bench bench-postgres bench-903 validate-903 bench-matching sync-ssd bench-ssd clean help

help:
	@echo "make run             set up, load the demo council if empty, serve http://127.0.0.1:$(PORT)"
	@echo "                     (POLICY=camden runs the council's policy pack; default england)"
	@echo "make test            set up, lint and type-check, then run the whole test suite (unit, database and browser tests)"
	@echo "make test-quick      the quick suite while you work: no slow or browser tests (under a minute)"
	@echo "make lint            ruff (lint and format check) and import-linter's layer contracts"
	@echo "make typecheck       mypy with the Django stubs (strict on the pure core and every service signature)"
	@echo "make test-postgres   the suite (without browser tests) against PostgreSQL at $(PG_URL)"
	@echo "make test-browser    the browser journeys and accessibility checks in Chromium"
	@echo "make bench           national-scale benchmarks (demo generation, obligations batch, stored obligations:"
	@echo "                     one fact change, the nightly job, stored against recomputed)"
	@echo "make load            50 staff with no think time on SQLite and on PostgreSQL, then 300 staff with think time"
	@echo "make bench-matching  the matching optimiser against the greedy baseline (300 children, 3,000 carers)"
	@echo "make validate-903    demo councils' SSDA903 returns (3 seeds, 2024-25 to 2026-27) through the DfE rules"
	@echo "make bench-903       export and import of a national-scale SSDA903 return (85,000 children)"
	@echo "make prod-check      docs/deploy.md's production set-up run here: gunicorn, worker, scheduler on PostgreSQL"
	@echo "make sync-ssd SOURCE=...  bring the case record up to date from the council's SSD (folder or database URL)"
	@echo "make bench-ssd       the SSD feed: national first load and a 1% nightly delta, with peak memory"
	@echo "                     (BENCH_SSD_ARGS=--reuse keeps the extract an earlier run wrote)"

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
	PERMANENCE_POLICY=$(POLICY) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: bootstrap chromium $(VENV_903)/.installed lint typecheck
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

test-quick: $(BIN)/.installed
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not slow and not browser"

# --- the house's checks (also run by pre-commit) ------------------------------------------
lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(BIN)/.installed
	$(BIN)/mypy

# --- the stages .ci/run adds -----------------------------------------------------------
test-postgres: bootstrap
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not browser"

test-browser: bootstrap chromium
	$(BIN)/python -m pytest -q -m browser

bench: bootstrap
	$(BIN)/python -m permanence.bench --children $(BENCH_CHILDREN)

# --- the SSDA903 return: the DfE validator in its own environment (it pins pandas < 2) --------
# Demo councils of each seed as they stand on VALIDATE_TODAY; each year's return checked with the
# year before it (the two-year rules). Excused rules and the reasons: README, "SSDA903 return".
VALIDATE_SEEDS ?= 2026 7 11
VALIDATE_YEARS ?= 2025 2026 2027
VALIDATE_TODAY ?= 2027-06-01

$(VENV_903)/.installed: requirements-903.txt
	test -x $(VENV_903)/bin/python || $(PYTHON) -m venv $(VENV_903)
	$(VENV_903)/bin/pip install --quiet -r requirements-903.txt
	touch $@

validate-903: bootstrap $(VENV_903)/.installed
	$(BIN)/python scripts/validate_903_demo.py --seeds $(VALIDATE_SEEDS) --years $(VALIDATE_YEARS) \
		--children $(DEMO_CHILDREN) --today $(VALIDATE_TODAY)

bench-903: bootstrap
	$(BIN)/python -m permanence.returns.bench --children $(BENCH_CHILDREN)

# --- the case system feed (Standard Safeguarding Dataset): docs/ssd-feed.md ----------------
BENCH_SSD_CHILDREN ?= $(BENCH_CHILDREN)

sync-ssd: migrate
	@test -n "$(SOURCE)" || { echo "usage: make sync-ssd SOURCE=/path/to/extract-folder (or a database URL)"; exit 2; }
	$(BIN)/permanence sync-ssd "$(SOURCE)"

bench-ssd: bootstrap
	$(BIN)/python -m permanence.feed.bench --children $(BENCH_SSD_CHILDREN) $(BENCH_SSD_ARGS)

bench-matching: bootstrap
	$(BIN)/python -m permanence.matching.bench --children 300 --carers 3000

clean:
	rm -rf $(VENV) $(VENV_903) node_modules static/build staticfiles var .pytest_cache

bench-postgres: bootstrap
	-dropdb -h 127.0.0.1 -U postgres --if-exists permanence_bench
	createdb -h 127.0.0.1 -U postgres permanence_bench
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/permanence_bench $(BIN)/python -m permanence.bench --children $(BENCH_CHILDREN)

# Load test: 50 concurrent staff with no think time on a 5,000-child council over loopback,
# LOAD_SECONDS long, served by gunicorn with production settings (LOAD_WORKERS processes x
# LOAD_THREADS threads; see scripts/load.py), on SQLite, then on PostgreSQL (its own database,
# LOAD_PG_URL), then the think-time profile: 300 staff, 10-30 s between pages, on PostgreSQL.
LOAD_PG_URL ?= postgres://postgres@127.0.0.1:5432/permanence_load
LOAD_THINK_SECONDS ?= 120

load: load-sqlite load-postgres load-think

load-sqlite: bootstrap
	mkdir -p var
	LOAD_SECONDS=$(LOAD_SECONDS) $(BIN)/python scripts/load.py

load-postgres: bootstrap
	-createdb -h 127.0.0.1 -U postgres $(notdir $(LOAD_PG_URL)) 2>/dev/null
	DATABASE_URL=$(LOAD_PG_URL) LOAD_SECONDS=$(LOAD_SECONDS) $(BIN)/python scripts/load.py

load-think: bootstrap
	-createdb -h 127.0.0.1 -U postgres $(notdir $(LOAD_PG_URL)) 2>/dev/null
	DATABASE_URL=$(LOAD_PG_URL) LOAD_USERS=300 LOAD_THINK=10-30 LOAD_SECONDS=$(LOAD_THINK_SECONDS) \
		$(BIN)/python scripts/load.py

# docs/deploy.md run on this machine: gunicorn, `permanence worker` and `permanence scheduler` on
# PostgreSQL (its own database, PROD_CHECK_DATABASE_URL), health, a sign-in, every nightly job, the
# digest at a mail relay, and a backup restored into a second database.
prod-check: bootstrap
	$(BIN)/python scripts/prod_check.py
