# `make serve` serves the guide at http://127.0.0.1:8000/; `make test` runs every test.
# Both set up everything they need from nothing (virtual environment, npm packages, site build).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# Only the registry and the pins count: no machine-wide pip config (extra indexes, constraints).
PIP := PIP_CONFIG_FILE=/dev/null $(PY) -m pip
BASE_PYTHON = $(shell tools/find-python)

.PHONY: help venv system data node_modules runtime pyodide-test-wheels site serve test bench readability clean

help:
	@echo "make serve                build and serve the guide at http://127.0.0.1:8000/ (rebuilds on change)"
	@echo "make test                 set up everything and run all tests"
	@echo "make site                 build the guide in every language into site/"
	@echo "make bench                run the benchmarks and print their figures (BENCH_QUICK=1: fewer runs)"
	@echo "make readability          print LIX per page and language of the built guide (a figure)"
	@echo "make data                 remake pycheck's word lists (committed) from the pinned zxcvbn and wordfreq"
	@echo "make runtime              build the self-hosted Pyodide runtime and its snapshot into build/pyodide/"
	@echo "make pyodide-test-wheels  fetch the pinned wheels that run pycheck's tests inside Pyodide"
	@echo "make venv                 create .venv/ with the pinned Python packages (pycheck editable)"
	@echo "make node_modules         install the pinned npm packages"
	@echo "make system               install what is missing of nodejs, npm and chromium (as root)"
	@echo "make clean                remove everything the targets above made"

# --- Python environment -----------------------------------------------------------------------
$(VENV)/.installed: requirements/dev.txt pyproject.toml
	@test -n "$(BASE_PYTHON)" || { echo "No Python >= 3.12 found (see tools/find-python)." >&2; exit 1; }
	test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
# Every package, pip itself included, at its pinned version and hash: nothing unpinned runs here.
	$(PIP) install -q --require-hashes -r requirements/dev.txt
	$(PIP) install -q --no-deps --no-build-isolation -e .
	touch $@

venv: $(VENV)/.installed

system:
	tools/ensure-system-packages

# --- pycheck's word lists (cut from zxcvbn and wordfreq) ------------------------------------------
# Committed, so that a clone builds and installs as it is; remade on demand only (after changing the
# script or the pins), then committed again. Unchanged pins give the same bytes (tests/pycheck).
data: venv
	$(PY) tools/make_wordlists.py pycheck/data/generated

# --- the self-hosted Pyodide runtime (what and why: tools/build_runtime.py) ---------------------
node_modules/.installed: package.json package-lock.json
	tools/ensure-system-packages --build-only
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

node_modules: node_modules/.installed

# What the shipped runtime is made from: the build scripts and settings, and every file of the pycheck wheel.
RUNTIME_INPUTS := tools/build_runtime.py tools/make_snapshot.mjs requirements/pyodide.txt pyproject.toml hatch_build.py \
	overrides/assets/javascripts/pycheck/runtime.mjs \
	$(shell find pycheck -type f -not -path '*/__pycache__/*' 2>/dev/null)

build/pyodide/pyodide-lock.json: node_modules/.installed $(VENV)/.installed $(RUNTIME_INPUTS)
	$(PY) tools/build_runtime.py --out build/pyodide

build/pyodide-test-wheels/.downloaded: node_modules/.installed $(VENV)/.installed requirements/pyodide-test.txt
	$(PY) tools/build_runtime.py --test-wheels build/pyodide-test-wheels
	touch $@

# The runtime the site ships (build/pyodide/), and the test tools' wheels for running pycheck's suite in it.
runtime: venv build/pyodide/pyodide-lock.json
pyodide-test-wheels: build/pyodide-test-wheels/.downloaded

# --- the site ---------------------------------------------------------------------------------
# One strict build per language from one base config: Bokmål into site/ (this cleans site/), then
# Nynorsk into site/nn/ and English into site/en/. The steps hook fails any build if the languages'
# steps differ.
MKDOCS := NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs
site: venv runtime
	$(MKDOCS) build --strict --quiet -f mkdocs.yml
	$(MKDOCS) build --strict --quiet -f mkdocs.nn.yml
	$(MKDOCS) build --strict --quiet -f mkdocs.en.yml
	rm -rf site/pyodide && cp -R build/pyodide site/pyodide
# The worker's pins, _headers, build/deploy/nginx.conf and the .br/.gz copies (README, "Publishing").
	$(PY) tools/deploy.py

# Serves site/ at http://127.0.0.1:8000/ and runs `make site` again when a source changes.
serve: site
	$(PY) tools/serve.py --port 8000

# --- tests and benchmarks ---------------------------------------------------------------------
test: system venv node_modules runtime pyodide-test-wheels site
	$(PY) -m pytest

# Figures only (bench/results/*.json, never asserted); BENCH_QUICK=1 for fewer runs and pages.
# The bench scripts import the tests' browser toolkit and the tools, as pytest's pythonpath gives them to tests.
bench: export PYTHONPATH := tests:tools:overrides/hooks
bench: system venv node_modules site
	$(PY) bench/bench_pycheck.py
	$(PY) bench/first_result.py
	$(PY) bench/engines.py
	$(PY) bench/page_figures.py
	$(PY) bench/lighthouse.py
	$(PY) tools/readability.py

# Plain language: LIX per page and language of the reader's path (tools/readability.py says how it counts).
readability: venv site
	$(PY) tools/readability.py

clean:
	rm -rf $(VENV) node_modules site build dist .pytest_cache .hypothesis
