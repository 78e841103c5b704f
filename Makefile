# eventwire: `make demo` runs the main job on the example corpus, `make test` runs the tests.
# Both build .venv first if needed; nothing else has to be installed by hand.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP_VERSION := 26.3
STAMP := $(VENV)/.installed
DEMO_STORE ?= demo-store

WEB := src/eventwire/web
WEB_STAMP := $(WEB)/static/.built

.PHONY: install web demo test test-fast screenshots lock clean

install: $(STAMP) $(WEB_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==$(PIP_VERSION)

# Every dependency, transitive ones included, is pinned with its hashes in
# requirements.lock; eventwire itself is installed editable on top, without
# letting pip resolve anything else.
$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# The dashboard's front-end: npm packages pinned in package-lock.json, bundled
# by esbuild into web/static (built here, never committed).
web: $(WEB_STAMP)

$(WEB_STAMP): $(WEB)/frontend/package.json $(WEB)/frontend/package-lock.json $(WEB)/frontend/build.mjs $(wildcard $(WEB)/frontend/src/*.* $(WEB)/frontend/src/pages/*.js)
	cd $(WEB)/frontend && npm ci --no-audit --no-fund && npm run build
	@touch $(WEB_STAMP)

demo: install
	$(BIN)/eventwire ingest examples/corpus --store $(DEMO_STORE) --workers 2
	$(BIN)/eventwire articles --store $(DEMO_STORE) --limit 10
	$(BIN)/eventwire rejects --store $(DEMO_STORE) --limit 10
	$(BIN)/eventwire serve --store $(DEMO_STORE)

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

# Refresh docs/screenshots after changing a page (the browser tests take them).
screenshots: install
	EVENTWIRE_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest tests/web -q

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --extra web --extra ray --extra fuzz --extra test --generate-hashes --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu --no-header --output-file requirements.lock

clean:
	rm -rf $(VENV) $(DEMO_STORE) .pytest_cache $(WEB)/static $(WEB)/frontend/node_modules
