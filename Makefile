# Every target documents itself: `make help`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= data/corpora/astana-2017
OUT ?= reports/astana-2017

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
# pip warns about every optional local index this machine lacks; keep real errors only.
PIP_QUIET := 2>&1 | { grep -v "^WARNING: Location" || true; }
.DEFAULT_GOAL := help
.PHONY: help install report test test-fast lab lint check-notebooks clean

help: ## List the targets and what they do
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml scripts/install_kernel.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the pinned environment into $(VENV) (first run only, a few minutes)..."
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt $(PIP_QUIET)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . $(PIP_QUIET)
	$(PY) scripts/install_kernel.py
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the pinned environment (done by the other targets when needed)

report: $(STAMP) ## Build the HTML reports for CORPUS into OUT (default: the Astana corpus)
	$(VENV)/bin/narrative report --corpus $(CORPUS) --out $(OUT)

test: $(STAMP) ## Run the test suite (lint, notebook check, unit and integration tests)
	$(MAKE) --no-print-directory lint check-notebooks
	$(PY) -m pytest

test-fast: $(STAMP) ## The edit-test loop: lint, notebook check and the tests not marked slow, one process per core (under a minute)
	$(MAKE) --no-print-directory lint check-notebooks
	$(PY) -m pytest -m "not slow" -n auto

lab: $(STAMP) ## Start JupyterLab on notebooks/ with the project's kernel
	scripts/lab.sh

lint: $(STAMP) ## ruff lint and format check; notebooks: undefined names and unused imports
	$(VENV)/bin/ruff check lib tests scripts
	$(VENV)/bin/ruff check --select F notebooks
	$(VENV)/bin/ruff format --check lib tests scripts

check-notebooks: $(STAMP) ## Fail if a notebook is committed with outputs
	$(PY) scripts/notebook_check.py notebooks

clean: ## Remove generated reports and caches (keeps .venv)
	rm -rf reports/*/ .cache
