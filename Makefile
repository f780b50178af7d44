# Kohtaamo: `make run` sets everything up and starts the assistant; `make test` checks it.
# Everything installs into .venvs/ (two environments, see README) and var/ (local data).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
RASA_ENV := .venvs/rasa
APP_ENV := .venvs/app
# pip-audit in its own environment: it reads both environments' pins, installs none of them.
AUDIT_ENV := .venvs/audit
RASA := $(RASA_ENV)/bin/rasa
APP := $(APP_ENV)/bin
# Locust (make bench-load) only: its Flask, gevent and requests stay apart from the API's.
LOAD_ENV := .venvs/load
# py-spy (make bench-latency's breakdown by step) only.
PROFILE_ENV := .venvs/profile

# Local defaults; every one can be overridden from the environment (README: Configuration).
export RASA_TOKEN ?= local-rasa-token
export SERVICE_TOKEN ?= local-service-token
# Rasa sends it to the action server (endpoints.yml), which refuses calls without it.
export ACTIONS_TOKEN ?= local-actions-token
export RASA_PORT ?= 5005
export ACTIONS_PORT ?= 5055
export API_PORT ?= 8000
# Every server listens on loopback only unless told otherwise (README: Security).
export RASA_INTERFACE ?= 127.0.0.1
export ACTIONS_HOST ?= 127.0.0.1
export API_HOST ?= 127.0.0.1
export API_URL ?= http://127.0.0.1:$(API_PORT)
export PUBLIC_BASE_URL ?= http://127.0.0.1:$(API_PORT)
# The origins whose pages may call Rasa from the browser: the chat page's, the API's.
export RASA_CORS ?= $(PUBLIC_BASE_URL)
export RASA_URL ?= http://127.0.0.1:$(RASA_PORT)
export RASA_ENDPOINTS ?= endpoints.yml
# The browser tests drive Debian's Chromium, never a browser Playwright downloads.
export CHROMIUM ?= /usr/bin/chromium
# Finnish morphology for the name redactor: Debian's voikko-fi dictionary (with libvoikko1).
VOIKKO_DICTIONARY := /usr/lib/voikko/5/mor-standard/mor.vfst
# The production profile's load balancer: Debian's package (make haproxy).
export HAPROXY ?= /usr/sbin/haproxy
export PYTHONPATH := $(CURDIR)
# A public service reports nothing to third parties: Rasa's usage telemetry is off for every
# rasa command (train, run, test), not only until someone runs `rasa telemetry enable`.
export RASA_TELEMETRY_ENABLED := false
# Rasa 3.6 talks to SQLAlchemy 1.4 with 2.0-style warnings on; they are Rasa's, not ours.
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

PROCESSES := rasa actions api publisher ready $(if $(TELEGRAM_BOT_TOKEN),telegram)

FAQ_SOURCES := $(wildcard data/faq/*.yml tests/faq_heldout/*.yml)
FAQ_GENERATED := data/nlu/generated/faq.yml domain/faq.generated.yml \
	tests/stories/test_faq.generated.yml

# A model is named by the fingerprint of what it is trained from (publisher/fingerprint.py:
# config, hand-written domain and data, components; of the FAQ only the generated training
# data and responses, i.e. the topic ids and examples, never an answer text). So an unchanged
# project, or one whose answers were edited or published, starts without training, and any
# change to examples, topics, config or components retrains. The generated files do not exist
# on a fresh clone when make reads this file: var/model-hash.mk is made after them and make
# reads everything again (GNU make restarts after remaking an included makefile). Only the
# goals that need a model do this, so `make help` or `make lint` set nothing up.
MODEL_GOALS := model run run-production test pytest rasa-test bench-latency bench-input \
	bench-load bench-nlu bench-publish
ifneq ($(filter $(MODEL_GOALS),$(MAKECMDGOALS)),)
ifneq ($(findstring n,$(firstword -$(MAKEFLAGS))),)
# `make -n` would run the recipes that remake an included makefile (installing, generating):
# it shows the fingerprint of the generated files as they are instead.
MODEL_HASH := $(shell $(PYTHON) publisher/fingerprint.py 2>/dev/null || echo not-generated-yet)
else
MODEL_INPUTS := $(shell $(PYTHON) publisher/fingerprint.py --list)
var/model-hash.mk: $(MODEL_INPUTS) publisher/fingerprint.py
	@mkdir -p var
	@echo "MODEL_HASH := $$($(PYTHON) publisher/fingerprint.py)" > $@
include var/model-hash.mk
endif
endif
export RASA_MODEL ?= models/$(MODEL_HASH).tar.gz

.PHONY: help install chromium voikko haproxy run-production faq faq-check import-content check-content model migrate run test lint typecheck validate pytest \
	rasa-test audit bench-latency bench-input bench-load bench-nlu bench-train bench-summary \
	bench-analytics bench-themes bench-names bench-publish clean

help:  ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | \
		awk -F'\t' '{printf "  make %-15s %s\n", $$1, $$2}'

$(RASA_ENV)/.installed: requirements/rasa.txt requirements/rasa-dev.txt
	$(PYTHON) -m venv $(RASA_ENV)
	@# --no-deps: rasa 3.6 declares Python <3.11; the file is one full, tested resolution.
	$(RASA_ENV)/bin/pip install --quiet --no-deps --ignore-requires-python \
		-r requirements/rasa.txt -r requirements/rasa-dev.txt
	touch $@

$(APP_ENV)/.installed: requirements/app.txt requirements/dev.txt
	$(PYTHON) -m venv $(APP_ENV)
	$(APP)/pip install --quiet --no-deps -r requirements/app.txt -r requirements/dev.txt
	touch $@

install: $(RASA_ENV)/.installed $(APP_ENV)/.installed  ## Create both environments (once)

$(LOAD_ENV)/.installed: requirements/load.txt
	$(PYTHON) -m venv $(LOAD_ENV)
	$(LOAD_ENV)/bin/pip install --quiet --no-deps -r requirements/load.txt
	touch $@

$(PROFILE_ENV)/.installed: requirements/profile.txt
	$(PYTHON) -m venv $(PROFILE_ENV)
	$(PROFILE_ENV)/bin/pip install --quiet --no-deps -r requirements/profile.txt
	touch $@

$(AUDIT_ENV)/.installed: requirements/audit.txt
	$(PYTHON) -m venv $(AUDIT_ENV)
	$(AUDIT_ENV)/bin/pip install --quiet --no-deps -r requirements/audit.txt
	touch $@

# AUDIT_STRICT=1 also fails when a package's vulnerability data cannot be fetched.
audit: $(AUDIT_ENV)/.installed  ## pip-audit of both environments' pins (cached in var/pip-audit-cache)
	$(AUDIT_ENV)/bin/python scripts/audit.py

# Debian's package, installed when missing (as root); otherwise a clear error, since the
# browser tests fail without it.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
		echo "Debian's Chromium ($(CHROMIUM)) is missing: run 'sudo apt-get install chromium'" \
			"(the browser tests need it)" >&2; exit 1; \
	fi
	@test -x $@ || { echo "$@ is still missing after installing chromium" >&2; exit 1; }

chromium: $(CHROMIUM)  ## Install Debian's Chromium for the browser tests (once)

# Debian's libvoikko1 and voikko-fi, the same way: the API finds Finnish names without them,
# less well, and the test of the Finnish morphology fails.
$(VOIKKO_DICTIONARY):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libvoikko1 voikko-fi; \
	else \
		echo "Debian's Voikko ($(VOIKKO_DICTIONARY)) is missing: run 'sudo apt-get install" \
			"libvoikko1 voikko-fi' (the name redactor's Finnish morphology)" >&2; exit 1; \
	fi
	@test -f $@ || { echo "$@ is still missing after installing voikko-fi" >&2; exit 1; }

voikko: $(VOIKKO_DICTIONARY)  ## Install Debian's Voikko (Finnish morphology for names) (once)

# Debian's HAProxy, the same way: the production profile (make run-production) and its tests
# put it in front of the Rasa servers, the action servers and the API instances.
$(HAPROXY):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy; \
	else \
		echo "Debian's HAProxy ($(HAPROXY)) is missing: run 'sudo apt-get install haproxy'" \
			"(the production profile and its tests need it)" >&2; exit 1; \
	fi
	@test -x $@ || { echo "$@ is still missing after installing haproxy" >&2; exit 1; }

haproxy: $(HAPROXY)  ## Install Debian's HAProxy for the production profile and its tests (once)

$(FAQ_GENERATED) &: $(FAQ_SOURCES) scripts/build_faq.py api/services/faq/content.py $(APP_ENV)/.installed
	$(APP)/python scripts/build_faq.py

faq: $(FAQ_GENERATED)  ## Generate Rasa's FAQ data and responses from data/faq/

faq-check: $(APP_ENV)/.installed  ## Check the FAQ topic files (schema, languages, examples, sources)
	$(APP)/python scripts/build_faq.py --check

import-content: migrate  ## Read FAQ_DIR (data/faq/) into the database: changed files become drafts
	$(APP)/python -m api.cli import-content

# CHECK_CONTENT_ARGS="--files" checks data/faq/ instead, "--no-conflicts" skips the embeddings.
CHECK_CONTENT_ARGS ?=
check-content: migrate  ## Check the FAQ as a publish would (errors fail; warnings, conflicts told)
	$(APP)/python -m api.cli check-content $(CHECK_CONTENT_ARGS)

# Order-only: the name says what the model is trained from, so an existing file is current
# however new the generated files are.
$(RASA_MODEL): | $(RASA_ENV)/.installed $(FAQ_GENERATED)
	@mkdir -p models
	$(RASA) train --domain domain --data data --config config.yml --out models \
		--fixed-model-name $(MODEL_HASH)
	@# Rasa skips training when its own fingerprint matches an older model: reuse that one.
	@test -f $@ || cp "$$(ls -t models/*.tar.gz | head -n 1)" $@

model: $(RASA_MODEL)  ## Train a model unless one matches the current data and config

migrate: $(APP_ENV)/.installed  ## Create or upgrade the API database
	@mkdir -p var
	$(APP)/alembic -c api/alembic.ini upgrade head
	@# Texts stored before migration 0008 get their themes (loads the model only if any).
	$(APP)/python -m api.cli classify-texts

run: install model migrate  ## Set up what is missing, then start everything (Ctrl-C stops)
	@# Voikko when it can be installed; without it the API still redacts names, less well.
	@test -f $(VOIKKO_DICTIONARY) || $(MAKE) --no-print-directory voikko || echo "Voikko is" \
		"missing: the API finds Finnish names by their endings only (README: Privacy)" >&2
	@$(APP)/python scripts/banner.py
	@# supervisord: a process that dies is started again, the others keep running.
	$(APP)/python scripts/supervise.py $(PROCESSES)

# PostgreSQL (the API's database and Rasa's tracker store) and Redis (Rasa's locks) must be
# running; HAProxy is installed if missing. Its settings: README, The production profile.
run-production: install model $(HAPROXY)  ## Production profile: 2 Rasa, 2 actions, 2 API behind HAProxy; PostgreSQL, Redis
	@test -f $(VOIKKO_DICTIONARY) || $(MAKE) --no-print-directory voikko || echo "Voikko is" \
		"missing: the API finds Finnish names by their endings only (README: Privacy)" >&2
	$(APP)/python -m deploy run

lint: $(APP_ENV)/.installed  ## ruff (lint and format check)
	$(APP)/ruff check .
	$(APP)/ruff format --check .

typecheck: install  ## mypy on api/, bot/, publisher/, deploy/, vocabulary/, embeddings/, actions/ and rasa_components/
	$(APP)/mypy api bot publisher deploy vocabulary embeddings scripts tests \
		--exclude 'tests/(actions|rasa_components|domain|data)/|bench_nlu|bench_train|scripts/load/|deploy/tracker_tables'
	$(APP)/mypy --python-executable $(RASA_ENV)/bin/python \
		actions rasa_components embeddings tests/actions tests/rasa_components tests/domain \
		tests/data tests/embeddings scripts/bench_nlu.py scripts/bench_train.py \
		deploy/tracker_tables.py

validate: $(RASA_ENV)/.installed $(FAQ_GENERATED)  ## rasa data validate
	$(RASA) data validate --domain domain --data data --config config.yml

pytest: install model migrate $(CHROMIUM) $(VOIKKO_DICTIONARY) $(HAPROXY)  ## Unit, integration and browser tests (both environments)
	$(RASA_ENV)/bin/python -m pytest -p no:cacheprovider -W ignore::DeprecationWarning \
		tests/actions tests/rasa_components tests/domain tests/data tests/vocabulary \
		tests/embeddings
	$(APP)/python -m pytest tests/api tests/bot tests/publisher tests/scripts tests/vocabulary tests/embeddings \
		tests/contract tests/deploy \
		tests/integration tests/browser

rasa-test: model $(FAQ_GENERATED)  ## Rasa's test stories, failing on any prediction error
	$(RASA) test core --model $(RASA_MODEL) --stories tests/stories \
		--fail-on-prediction-errors \
		--out results/core

test: lint audit typecheck faq-check validate pytest rasa-test  ## Everything CI runs

# BENCH_LATENCY_ARGS="--no-profile": latency, CPU and memory only; "--profile-dir DIR" keeps
# py-spy's samples.
BENCH_LATENCY_ARGS ?=
bench-latency: install model migrate $(PROFILE_ENV)/.installed  ## Latency, CPU per message and step, memory under load, against Rasa's demo bot
	$(APP)/python scripts/bench_latency.py $(BENCH_LATENCY_ARGS)

bench-input: install model migrate  ## A small message's latency while large and adversarial input arrives
	$(APP)/python scripts/bench_input.py

bench-nlu: model  ## NLU quality per language: topic accuracy, macro-F1, fallback, out-of-scope recall
	$(RASA_ENV)/bin/python scripts/bench_nlu.py --model $(RASA_MODEL)

# BENCH_LOAD_ARGS="--clients 20" for a shorter run; BENCH_PROFILE=production drives the
# production profile through HAProxy (PostgreSQL and Redis must run; HAProxy is installed).
BENCH_LOAD_ARGS ?=
BENCH_PROFILE ?= embedded
bench-load: install model migrate $(LOAD_ENV)/.installed $(if $(filter production,$(BENCH_PROFILE)),$(HAPROXY))  ## 100 concurrent clients (Locust): latency, errors, nothing lost or twice
	$(APP)/python scripts/bench_load.py --profile $(BENCH_PROFILE) $(BENCH_LOAD_ARGS)

# BENCH_TRAIN_ARGS="--warm" keeps the cached embeddings of unchanged training examples.
BENCH_TRAIN_ARGS ?=
bench-train: $(RASA_ENV)/.installed $(FAQ_GENERATED)  ## Time a full training from scratch, per component
	$(RASA_ENV)/bin/python scripts/bench_train.py $(BENCH_TRAIN_ARGS)

# BENCH_PUBLISH_ARGS="--clinc DIR" where ../shared/eval/clinc150-oos is not (the NLU check).
BENCH_PUBLISH_ARGS ?=
bench-publish: install model migrate  ## Publish to chat: a text, a new example, a rollback; memory, chat during the swap
	$(APP)/python scripts/bench_publish.py $(BENCH_PUBLISH_ARGS)

# Its own temporary SQLite database unless BENCH_SUMMARY_ARGS="--database-url <empty database>".
BENCH_SUMMARY_ARGS ?=
bench-summary: $(APP_ENV)/.installed  ## Advisor summary latency with 100,000 stored answers (own DB)
	$(APP)/python scripts/bench_summary.py $(BENCH_SUMMARY_ARGS)

# Its own temporary SQLite file and a throw-away PostgreSQL database at 127.0.0.1:5432.
BENCH_ANALYTICS_ARGS ?=
bench-analytics: $(APP_ENV)/.installed  ## Analytics p95 over 1,000,000 pulse answers (SQLite, PostgreSQL)
	$(APP)/python scripts/bench_analytics.py $(BENCH_ANALYTICS_ARGS)

# BENCH_THEMES_ARGS="--tune" searches the thresholds on the tuning half; "--errors" lists misses.
BENCH_THEMES_ARGS ?=
bench-themes: $(APP_ENV)/.installed  ## Theme accuracy per language: keywords vs sentence embeddings
	$(APP)/python scripts/bench_themes.py $(BENCH_THEMES_ARGS)

# BENCH_NAMES_ARGS="--errors" lists the misses and the false positives.
BENCH_NAMES_ARGS ?=
bench-names: $(APP_ENV)/.installed $(VOIKKO_DICTIONARY)  ## Person-name redaction per language: recall, false positives, speed
	$(APP)/python scripts/bench_names.py $(BENCH_NAMES_ARGS)

clean:  ## Remove trained models, local data and test results (keeps the environments)
	rm -rf models/*.tar.gz var results
