# PMQA workbench: local run, tests and checks.
#
#   make run       the app with demo data on http://127.0.0.1:8000/ (Celery worker + beat in the background)
#   make test      every test stage: SQLite, PostgreSQL, integration (Redis), browser (Chromium)
#   make help      all targets
#
# Works as root (CI installs the Debian packages itself) and as a normal user (it prints the sudo
# command to run instead). Everything else lives in the repo: .venv/, var/ (data), .services/ (tests).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Written after a successful pip install; make compares their times with the requirements files'.
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# The same folder the settings use (PMQA_VAR_DIR, default ./var).
VAR := $(or $(PMQA_VAR_DIR),var)
ADDR ?= 127.0.0.1:8000
# Extra arguments for every pytest stage, e.g. make test PYTEST_ARGS="-x -k holidays"
PYTEST_ARGS ?=

# WeasyPrint's libraries, fontconfig, the Thai fallback fonts, pdftotext/pdffonts for the PDF tests.
# Not fonts-thai-tlwg or fonts-tlwg-laksaman: their fontconfig rule swaps "TH Sarabun*" for a
# scaled Laksaman that WeasyPrint draws unscaled (see docs STACK.md).
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-thai-tlwg-otf poppler-utils
TEST_DEBS := $(RUN_DEBS) postgresql redis-server chromium
# Each target that needs packages sets DEBS; make passes a target's variables on to its prerequisites.
DEBS := $(RUN_DEBS)

.PHONY: help run test test-sqlite test-postgres test-integration test-browser bench lint clean \
        debs venv venv-dev services-stop prod-local prod-local-stop prod-local-status loadtest drills

help:
	@echo "make run               migrate, load the demo data, serve on http://$(ADDR)/ with a Celery worker"
	@echo "make test              all test stages (SQLite, PostgreSQL, integration, browser); PYTEST_ARGS=... for extra args"
	@echo "make test-sqlite       the main suite on SQLite only"
	@echo "make test-postgres     the main suite on a throwaway PostgreSQL"
	@echo "make test-integration  the integration tests (Redis + PostgreSQL)"
	@echo "make test-browser      the browser tests (Playwright + Debian's Chromium)"
	@echo "make bench             speed bars on 1,000,000 synthetic tickets, SQLite and PostgreSQL (BENCH_ARGS=...)"
	@echo "make prod-local        the docker-compose.yml stack without containers (DEBUG off, PostgreSQL, Redis, gunicorn,"
	@echo "                       2 Celery workers, beat) on http://127.0.0.1:8100/ with 100,000 synthetic tickets"
	@echo "make prod-local-stop   stop it and throw its database away (prod-local-status: what runs)"
	@echo "make loadtest          Locust against that stack (started if needed): 50 users for 2 minutes, p50/p95/p99 and"
	@echo "                       errors per request type against the bar, then more users until it breaks, and why"
	@echo "                       (LOADTEST_ARGS=\"--no-step-up\" or \"--host https://...\"; docs/operations.md)"
	@echo "make drills            faults injected into the prod-local stack (started if it is not running), each saying"
	@echo "                       whether it held; DRILLS=\"redis_down full_disk\" for some (docs/operations.md)"
	@echo "make lint              ruff, when it is installed"
	@echo "make clean             remove var/ (database, media, logs) and the venv stamp; keeps .venv"
	@echo "make services-stop     stop test services left by an interrupted run"

# ---------------------------------------------------------------------------------------------
# Debian packages: check each one, install only what is missing (apt-get update costs time).
debs:
	@if ! command -v dpkg-query >/dev/null; then \
	    echo "dpkg-query not found: not Debian? Make sure these are installed: $(DEBS)"; exit 0; \
	fi; \
	missing=""; \
	for p in $(DEBS); do \
	    dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -qx 'install ok installed' || missing="$$missing $$p"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" -ne 0 ]; then \
	    echo "Missing Debian packages:$$missing"; \
	    echo "Install them with:"; \
	    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends$$missing"; \
	    echo "then run make again."; \
	    exit 1; \
	fi; \
	echo "Installing Debian packages:$$missing"; \
	apt-get update -q; \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing

# ---------------------------------------------------------------------------------------------
# The virtualenv: created once; pip runs again only when a requirements file is newer than its stamp.
# `make run` needs the app's packages (requirements.txt, all the production image has); the tests need theirs too.
venv: $(STAMP)
venv-dev: $(DEV_STAMP)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
	    { echo "$(PYTHON) is older than 3.10; Django 5.2 needs 3.10+ (3.11 is what we test)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || \
	    { echo "python3 -m venv failed; on Debian: apt-get install python3-venv"; exit 1; }

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

# ---------------------------------------------------------------------------------------------
# make run: data in $(VAR) survives between runs (migrate and load_demo are idempotent).
# - The filesystem broker (the default CELERY_BROKER_URL) needs its folders before the worker starts.
# - load_demo's output (the demo logins) is kept in a file and shown again right before serving,
#   where migrate's output does not bury it.
# - A worker left by a killed make run would take tasks with old code: it is stopped first (only the
#   pid in our own pid file, and only if that pid is still a celery process).
# - The worker runs in the background and the EXIT trap stops it whenever runserver ends (Ctrl-C
#   included); a check 15 s later says so if the worker died on start-up.
run: DEBS = $(RUN_DEBS)
# The settings default to DEBUG off (production-safe); a local try turns it on, with the local signing key.
run: export DEBUG = true
run: debs venv
	@mkdir -p $(VAR)/celery/queue $(VAR)/celery/processed $(VAR)/celery/results $(VAR)/log
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo >$(VAR)/log/load_demo.txt 2>&1 || { cat $(VAR)/log/load_demo.txt; exit 1; }
	@pidfile=$(VAR)/celery/worker.pid; \
	if [ -f "$$pidfile" ]; then \
	    old=$$(cat "$$pidfile"); \
	    if grep -qa celery "/proc/$$old/cmdline" 2>/dev/null; then \
	        echo "Stopping the Celery worker left by an earlier make run (pid $$old)"; \
	        kill "$$old"; while kill -0 "$$old" 2>/dev/null; do sleep 0.5; done; \
	    fi; \
	    rm -f "$$pidfile"; \
	fi; \
	$(VENV)/bin/celery -A pmqa worker -B --loglevel=info --concurrency=2 >>$(VAR)/log/celery.log 2>&1 & \
	worker=$$!; \
	echo $$worker >"$$pidfile"; \
	( sleep 15; kill -0 $$worker 2>/dev/null || echo "WARNING: the Celery worker has stopped; see $(VAR)/log/celery.log" ) & \
	watch=$$!; \
	trap 'set +e; kill $$watch 2>/dev/null; echo "Stopping the Celery worker (pid $$worker)"; kill $$worker 2>/dev/null; wait $$worker; rm -f "$$pidfile"' EXIT; \
	echo; \
	echo "=================================================================================="; \
	echo "  PMQA workbench:  http://$(ADDR)/"; \
	echo "  Celery worker + beat: pid $$worker, log $(VAR)/log/celery.log"; \
	echo "  Demo logins (manage.py load_demo):"; \
	sed 's/^/    /' $(VAR)/log/load_demo.txt; \
	echo "  Ctrl-C stops the server and the worker; the data stays in $(VAR)/."; \
	echo "=================================================================================="; \
	echo; \
	$(PY) manage.py runserver $(ADDR)

# ---------------------------------------------------------------------------------------------
# Tests: scripts/test.sh runs the stages, starts and always stops the services, sums up.
test: DEBS = $(TEST_DEBS)
test: debs venv-dev
	scripts/test.sh all $(PYTEST_ARGS)

test-sqlite: DEBS = $(RUN_DEBS)
test-sqlite: debs venv-dev
	scripts/test.sh sqlite $(PYTEST_ARGS)

test-postgres: DEBS = $(RUN_DEBS) postgresql
test-postgres: debs venv-dev
	scripts/test.sh postgres $(PYTEST_ARGS)

test-integration: DEBS = $(RUN_DEBS) postgresql redis-server
test-integration: debs venv-dev
	scripts/test.sh integration $(PYTEST_ARGS)

test-browser: DEBS = $(RUN_DEBS) chromium
test-browser: debs venv-dev
	scripts/test.sh browser $(PYTEST_ARGS)

services-stop:
	scripts/services.sh stop-all

# ---------------------------------------------------------------------------------------------
# make prod-local: the production configuration exercised here (containers cannot be built on these machines);
# scripts/prod_local.sh says what it starts and where (docs/deploy.md). PMQA_PROD_TICKETS=... for another size.
prod-local: DEBS = $(RUN_DEBS) postgresql redis-server curl
prod-local: debs venv
	scripts/prod_local.sh start

prod-local-stop:
	scripts/prod_local.sh stop

prod-local-status:
	scripts/prod_local.sh status

# make loadtest: Locust (requirements-dev.txt) against the stack above; scripts/loadtest.sh starts it when it is not
# running and passes PMQA_PROD_* through. Not part of make test: it takes about 10 minutes and the whole machine.
loadtest: DEBS = $(RUN_DEBS) postgresql redis-server curl
loadtest: debs venv-dev
	scripts/loadtest.sh $(LOADTEST_ARGS)
# make drills: scripts/drills/run.py against the running prod-local stack (started first when `status` fails, as
# make prod-local would); DRILLS="redis_down postgres_restart" for some of them. Root is needed for full_disk's tmpfs.
DRILLS ?=
drills: DEBS = $(RUN_DEBS) postgresql redis-server curl
drills: debs venv
	scripts/prod_local.sh status >/dev/null 2>&1 || scripts/prod_local.sh start
	$(PY) scripts/drills/run.py $(DRILLS)

# ---------------------------------------------------------------------------------------------
bench: DEBS = $(RUN_DEBS) postgresql
bench: export DEBUG = true
bench: debs venv
	scripts/bench.sh all $(BENCH_ARGS)

lint:
	@if [ -x $(VENV)/bin/ruff ]; then ruff=$(VENV)/bin/ruff; \
	elif command -v ruff >/dev/null; then ruff=ruff; \
	else echo "ruff is not installed ($(PY) -m pip install ruff); nothing to do"; exit 0; fi; \
	$$ruff check --no-cache .

# Not the venv itself: rebuilding it takes a minute and rarely helps.
clean:
	@case "$(VAR)" in ""|/|.) echo "refusing to remove '$(VAR)'"; exit 1 ;; esac
	rm -rf $(VAR) $(STAMP) $(DEV_STAMP)
