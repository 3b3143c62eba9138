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

.PHONY: install run serve test test-browser lint format check messages bench seed staff clean-db worker

# Re-install only when the pinned requirements change (fast second run).
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

install: $(VENV)/.installed

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

test: install
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

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

seed: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_ludwigsburg

staff: install
	$(MANAGE) ensure_staff_user

# Removes the embedded database's data (var/postgres). Asks nothing: be sure.
clean-db:
	rm -rf var/postgres
