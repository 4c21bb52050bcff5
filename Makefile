# Afterword: two commands for a fresh machine with Python 3.11 — `make serve` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install serve build test lint check report bench clean lock sync-example

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

## install: create .venv/ with the exact versions in requirements.lock
install: $(STAMP)

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
test: $(STAMP)
	$(BIN)/python -m pytest

## bench: build synthetic histories side by side with plain MkDocs + Material; writes bench-results/
bench: $(STAMP)
	$(BIN)/python -m afterword.bench --repeat 3 --out bench-results

## lock: re-resolve requirements.in into requirements.lock (needs the package registry)
lock:
	$(PYTHON) -m venv /tmp/afterword-lock && /tmp/afterword-lock/bin/pip install --quiet -r requirements.in
	/tmp/afterword-lock/bin/pip freeze --exclude-editable | grep -v '^afterword' > requirements.lock
	rm -rf /tmp/afterword-lock

## sync-example: copy the shipped Lumen example at the root into tests/fixtures/lumen/ (the suite's own site)
sync-example:
	@grep -q '^    company: Lumen$$' mkdocs.yml || { echo "the root content is not the Lumen example (adopted repository): nothing to copy"; exit 1; }
	for part in docs overrides incidents postmortems styleguide; do rm -rf tests/fixtures/lumen/$$part && cp -R $$part tests/fixtures/lumen/$$part; done
	cp mkdocs.yml tests/fixtures/lumen/mkdocs.yml
	cp .github/CODEOWNERS .github/pull_request_template.md tests/fixtures/lumen/.github/

clean:
	rm -rf site bench-results test-artifacts .pytest_cache
