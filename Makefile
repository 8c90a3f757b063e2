# `make serve` serves the guide at http://127.0.0.1:8000/; `make test` runs every test.
# Both set up everything they need from nothing (virtual environment, npm packages, site build).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# Only the registry and the pins count: no machine-wide pip config (extra indexes, constraints).
PIP := PIP_CONFIG_FILE=/dev/null $(PY) -m pip
BASE_PYTHON = $(shell tools/find-python)

.PHONY: help venv data wheel site serve test test-fast bench clean system node_modules runtime pyodide-test-wheels

help:
	@echo "make serve   build and serve the guide at http://127.0.0.1:8000/ (reloads on change)"
	@echo "make test    set up everything and run all tests"
	@echo "make site    build the bilingual site into site/"
	@echo "make bench   run the benchmarks and print their figures"

# --- Python environment -----------------------------------------------------------------------
$(VENV)/.installed: requirements/dev.txt pyproject.toml
	@test -n "$(BASE_PYTHON)" || { echo "No Python >= 3.12 found (see tools/find-python)." >&2; exit 1; }
	test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements/dev.txt
	$(PIP) install -q --no-deps --no-build-isolation -e .
	touch $@

venv: $(VENV)/.installed

system:
	tools/ensure-system-packages

# --- pycheck's generated data (word lists cut from zxcvbn and wordfreq) --------------------------
GENERATED := pycheck/data/generated
WORDLISTS := $(GENERATED)/common-passwords.txt $(GENERATED)/nb-words.txt $(GENERATED)/passphrase-words.txt \
	$(GENERATED)/SOURCES.txt
# One run writes every list (a grouped target): remade only when one is missing, or the script or pins change.
$(WORDLISTS) &: tools/make_wordlists.py requirements/dev.txt | $(VENV)/.installed
	$(PY) tools/make_wordlists.py $(GENERATED)

data: venv $(WORDLISTS)

# --- the self-hosted Pyodide runtime (what and why: tools/build_runtime.py) ---------------------
node_modules/.installed: package.json package-lock.json
	tools/ensure-system-packages --build-only
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

node_modules: node_modules/.installed

RUNTIME_INPUTS := tools/build_runtime.py tools/make_snapshot.mjs requirements/pyodide.txt pyproject.toml README.md \
	$(shell find pycheck -type f -not -path '*/__pycache__/*' 2>/dev/null)

build/pyodide/pyodide-lock.json: node_modules/.installed $(VENV)/.installed $(RUNTIME_INPUTS)
	$(PY) tools/build_runtime.py --out build/pyodide

build/pyodide-test-wheels/.downloaded: node_modules/.installed $(VENV)/.installed requirements/pyodide-test.txt
	$(PY) tools/build_runtime.py --test-wheels build/pyodide-test-wheels
	touch $@

# The runtime the site ships (build/pyodide/), and the test tools' wheels for running pycheck's suite in it.
runtime: venv data build/pyodide/pyodide-lock.json
pyodide-test-wheels: build/pyodide-test-wheels/.downloaded

# --- the site ---------------------------------------------------------------------------------
# Two strict builds from one base config: Norwegian into site/ (this cleans site/), then English into
# site/en/. The steps hook fails either build if the languages' steps differ.
MKDOCS := NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs
site: venv data runtime
	$(MKDOCS) build --strict --quiet -f mkdocs.yml
	$(MKDOCS) build --strict --quiet -f mkdocs.en.yml
	rm -rf site/pyodide && cp -R build/pyodide site/pyodide

# Serves site/ at http://127.0.0.1:8000/ and runs `make site` again when a source changes.
serve: site
	$(PY) tools/serve.py --port 8000

# --- tests and benchmarks ---------------------------------------------------------------------
test: system venv data node_modules runtime pyodide-test-wheels site
	$(PY) -m pytest

# Figures only (bench/results/*.json, never asserted); BENCH_QUICK=1 for fewer runs and pages.
bench: venv data node_modules site
	$(PY) bench/bench_pycheck.py
	$(PY) bench/first_result.py
	$(PY) bench/page_figures.py
	$(PY) bench/lighthouse.py

clean:
	rm -rf $(VENV) node_modules site build dist .pytest_cache .hypothesis
