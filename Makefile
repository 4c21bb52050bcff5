# Afterword: two commands for a fresh machine with Python 3.11 — `make serve` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# Every download is checked against the hashes in the lock files; the project itself is built
# with the locked setuptools (no build isolation, so nothing unpinned is fetched to build it).
# PYTHONSAFEPATH: `python -m pip` would otherwise import pip (and the build backend its modules)
# from the current folder first, so a folder named pip/ in a checkout would run during the install.
PIP := PYTHONSAFEPATH=1 $(BIN)/python -m pip install --quiet --require-hashes

.PHONY: install install-dev serve build test lint check report bench eval clean lock sync-example

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	test -x $(BIN)/python || PYTHONSAFEPATH=1 $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.lock
	PYTHONSAFEPATH=1 $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PIP) -r requirements-dev.lock
	touch $(DEV_STAMP)

## install: create .venv/ with the runtime only (what `mkdocs build` needs), exact versions and hashes from requirements.lock
install: $(STAMP)

## install-dev: add the test, bench and maintenance tools from requirements-dev.lock
install-dev: $(DEV_STAMP)

## serve: install, then serve the site with live reload at http://127.0.0.1:8000/
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## build: install if needed, then a strict build into site/
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## lint: the house style, schema and timeline checks over incidents/ and postmortems/
lint: $(STAMP)
	$(BIN)/afterword lint

## check: every finding for one file (format, house style, timeline): make check FILE=incidents/2026/x.md
check: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make check FILE=incidents/2026/<id>.md"; exit 2; }
	$(BIN)/afterword check "$(FILE)"

## report: how each incident was communicated (first update, gaps, promises, postmortem)
report: $(STAMP)
	$(BIN)/afterword report

## test: install, then run the whole test suite (browser tests included when Chromium is installed)
test: $(DEV_STAMP)
	$(BIN)/python -m pytest

## bench: build synthetic histories side by side with plain MkDocs + Material; writes bench-results/
bench: $(DEV_STAMP)
	$(BIN)/python -m afterword.bench --repeat 3 --out bench-results

## eval: precision and recall of the house style on real published postmortems; writes eval-results/
eval: $(STAMP)
	$(BIN)/python -m afterword.evaluate --out eval-results

## lock: re-resolve requirements.in and requirements-dev.in into the hashed lock files (needs the package registry)
COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(DEV_STAMP)
	$(COMPILE) --output-file requirements.lock requirements.in
	$(COMPILE) --output-file requirements-dev.lock requirements-dev.in

## sync-example: copy the shipped Lumen example at the root into tests/fixtures/lumen/ (the suite's own site)
sync-example:
	@grep -q '^    company: Lumen$$' mkdocs.yml || { echo "the root content is not the Lumen example (adopted repository): nothing to copy"; exit 1; }
	for part in docs overrides incidents postmortems styleguide; do rm -rf tests/fixtures/lumen/$$part && cp -R $$part tests/fixtures/lumen/$$part; done
	cp mkdocs.yml tests/fixtures/lumen/mkdocs.yml
	cp .github/CODEOWNERS .github/pull_request_template.md tests/fixtures/lumen/.github/

clean:
	rm -rf site bench-results eval-results test-artifacts .pytest_cache
