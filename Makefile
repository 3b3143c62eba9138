# Entry points documented in the README. `make run` and `make test` are all a
# fresh machine needs.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install lock run serve test test-ops test-browser test-html screenshots lint format check messages bench bench-reports bench-search bench-scale seed staff clean-db worker backup restore loadtest fault

# Development machines and CI get the runtime pins plus the test tools and the embedded
# PostgreSQL (requirements/dev.txt includes base.txt); production installs only base.txt.
# Re-install only when either file changes (fast second run).
$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

# Rewrites requirements/{base,dev}.txt from pyproject.toml in a throwaway venv. Locked
# versions stay; `make lock UPGRADE=1` takes the newest the direct pins allow.
lock:
	PYTHON=$(PYTHON) UPGRADE=$(UPGRADE) ./scripts/lock-requirements.sh

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_ludwigsburg
	$(MANAGE) ensure_staff_user
	@# The background worker (e-mail with retries) runs next to the server and stops with it.
	$(MANAGE) db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
		$(MANAGE) runserver $(HOST):$(PORT)

# Background tasks alone (production: its own systemd unit or container process).
worker: install
	$(MANAGE) db_worker

# Everything but the browser tests, the slow production-stack tests (make test-ops) and
# the Nu Html Checker (make test-html).
test: install
	@# pdftotext/pdftoppm (and Pango, DejaVu) for the report tests; Debian packages, once.
	./scripts/install-report-tools.sh
	@# Two workers: the suite is CPU-bound and these machines have two cores.
	$(PY) -m pytest -n 2 -m "not browser and not ops and not html" $(PYTEST_ARGS)

# The production stack on loopback (tests/ops, marked `ops`): nginx in front of two
# gunicorns, a PostgreSQL restart under load, backup and restore with pg_dump.
# Needs Redis and nginx (scripts/install-ops-tools.sh).
test-ops: install
	$(PY) -m pytest -m ops $(PYTEST_ARGS)

# --- Operations ------------------------------------------------------------------
# Production settings locally: collectstatic, migrate, gunicorn on $(HOST):$(PORT).
serve: install
	HOST=$(HOST) PORT=$(PORT) ./scripts/serve.sh

# Database (pg_dump custom format) + uploads into var/backups/<time>/ (BACKUP_DIR, BACKUP_KEEP).
backup: install
	$(PY) scripts/backup.py backup

# make restore BACKUP=var/backups/<time>: replaces database contents and uploads.
restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/<time>"; exit 2; }
	$(PY) scripts/backup.py restore $(BACKUP)

# wrk on loopback against gunicorn (2 workers, production settings), 32 connections, 60 s
# per page, ratios to /readyz (DURATION, CONNECTIONS, LOADTEST_MODES). 10,000 demo actors;
# SCALE=100000 builds 100,000 actors and 200,000 events once in a database of its own.
loadtest: install
	./scripts/install-ops-tools.sh
	$(PY) scripts/loadtest.py

# Restarts a private PostgreSQL under load; fails on any 500 or a recovery over 5 s.
fault: install
	$(PY) scripts/fault.py

# End-to-end tests in headless Chromium against a live server (tests/browser/). Installs
# Debian's chromium first if missing (needs root or sudo). --create-db: the transactional
# browser tests flush tables, so they start from a freshly migrated test database.
test-browser: install
	./scripts/install-browser.sh
	$(PY) -m pytest tests/browser -m browser --create-db $(PYTEST_ARGS)

# The W3C Nu Html Checker over every public page type and form error state, German and
# English (tests/html/). Installs Java and the npm package vnu-jar first if missing.
test-html: install
	./scripts/install-vnu.sh
	$(PY) -m pytest tests/html -m html $(PYTEST_ARGS)

# Desktop (1280×800) and phone (360×740) screenshots of the main pages into docs/screenshots/.
screenshots: install
	./scripts/install-browser.sh
	SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest tests/browser/test_screenshots.py -m browser -q $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Extract and compile translations. The compiled .mo files are committed.
messages: install
	$(MANAGE) makemessages --locale en --no-location --ignore ".venv/*" --ignore "var/*"
	$(MANAGE) compilemessages --ignore ".venv/*"

# Server time of the public pages at 10,000 actors and 20,000 events. Uses its own
# database ludwigsburg_bench (on DATABASE_URL's server, else the embedded one),
# filled on the first run. BENCH_ARGS="--requests 100 --check" for more or a gate.
bench: install
	$(MANAGE) bench $(BENCH_ARGS)

# Report page, PDF, DOCX and CSV of a year on the same benchmark database (page < 1 s,
# PDF < 5 s). BENCH_REPORTS_ARGS="--check" fails when a target is missed.
bench-reports: install
	./scripts/install-report-tools.sh
	$(MANAGE) bench_reports $(BENCH_REPORTS_ARGS)

# Search quality and speed on the same database: a relevance suite of realistic queries
# (recall@10, MRR) and the median/p95 time of /suche/?q= and /akteure/?q=.
# BENCH_ARGS="--check" fails below recall@10 0.95, MRR 0.8 or above 30 ms median.
bench-search: install
	$(MANAGE) bench_search $(BENCH_ARGS)

# Every public page at 10,000 and at 100,000 actors (twice as many events), side by side,
# steady and on the first visit after a write, and EXPLAIN of every query they send.
# Builds ludwigsburg_scale_100000 once (a few minutes). BENCH_SCALE_ARGS="--check" gates.
bench-scale: install
	$(MANAGE) bench_scale $(BENCH_SCALE_ARGS)

seed: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_ludwigsburg

staff: install
	$(MANAGE) ensure_staff_user

# Removes the embedded database's data (var/postgres). Asks nothing: be sure.
clean-db:
	rm -rf var/postgres
