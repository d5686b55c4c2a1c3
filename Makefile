# Thin wrappers over the `miso` command; every target installs what it needs on first use.
# Prerequisites: Python 3.11 to 3.13 (PYTHON=python3.12 ... picks one), Node.js 20+ with npm, git.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8080
# pytest workers; CI machines have 2 cores.
WORKERS ?= 2
TS := clients/typescript
DIST := dist

# The interpreter's version names the stamp: a .venv made by another Python is rebuilt, never
# reused (a venv cannot change interpreters).
PY_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
STAMP := $(VENV)/.installed-$(PY_VERSION)
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# A new top-level package under scripts/ or server/ also reinstalls (the distribution lists them).
PACKAGES := $(wildcard scripts/*/__init__.py server/*/__init__.py)

.PHONY: install mock test test-python test-typescript lint lint-public typecheck check \
	bundle clients conform bench dist clean

$(STAMP): pyproject.toml constraints.txt clients/python/pyproject.toml $(PACKAGES)
	@test -n "$(PY_VERSION)" || { echo "make: $(PYTHON) does not run: install Python 3.11-3.13 or pass PYTHON=..." >&2; exit 1; }
	@if [ -e $(VENV) ] && [ "$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" != "$(PY_VERSION)" ]; then \
		echo "$(VENV) was made by another Python: rebuilding it with $(PYTHON) ($(PY_VERSION))"; \
		rm -rf $(VENV); \
	fi
	$(PYTHON) -m venv $(VENV)
	$(PIP) pip==26.3
	$(PIP) -c constraints.txt -e '.[dev]'
	$(PIP) -c constraints.txt -e ./clients/python
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

$(TS)/node_modules/.installed: $(TS)/package-lock.json
	cd $(TS) && npm ci --no-audit --no-fund
	touch $@

install: $(STAMP) $(TS)/node_modules/.installed

mock: $(STAMP)
	$(BIN)/miso mock --host $(HOST) --port $(PORT)

# Every test: pytest, then the TypeScript SDK's node tests (which start the mock themselves).
test: test-python test-typescript

# The packaging tests build the TypeScript SDK's tarball: they need its node_modules too.
test-python: $(STAMP) $(TS)/node_modules/.installed
	scripts/services/ensure-redis
	$(BIN)/python -m pytest -n $(WORKERS)

test-typescript: $(STAMP) $(TS)/node_modules/.installed
	cd $(TS) && npm test

# The spec checks and contract rules, ruff, and the breaking-change gate against main.
lint: $(STAMP)
	$(BIN)/miso lint

# Spectral and Redocly on the bundle; installs their pinned versions with npm on first use.
lint-public: $(STAMP)
	$(BIN)/miso lint --spec-only --public

# mypy, strict (configured in pyproject.toml): the SDK facade, the toolkit, the contract model.
typecheck: $(STAMP)
	$(BIN)/mypy

# What CI runs: lint, the type check, every test.
check: lint typecheck test

bundle: $(STAMP)
	$(BIN)/miso bundle

clients: $(STAMP)
	$(BIN)/miso clients

conform: $(STAMP)
	$(BIN)/miso conform --base-url "$(BASE_URL)" --client-id "$(CLIENT_ID)" --client-secret "$(CLIENT_SECRET)"

bench: $(STAMP)
	$(BIN)/miso bench

# Installable artefacts in dist/: the tool's wheel and sdist, the Python SDK's, the npm tarball.
dist: $(STAMP) $(TS)/node_modules/.installed
	$(BIN)/python -m build --outdir $(DIST) .
	$(BIN)/python -m build --outdir $(DIST) clients/python
	cd $(TS) && npm pack --pack-destination ../../$(DIST)

clean:
	rm -rf $(VENV) $(VENV)-* $(DIST) $(TS)/node_modules $(TS)/dist $(TS)/build
