# Thin wrappers over the `miso` command; every target installs .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: install mock test lint bundle clients conform bench

$(STAMP): pyproject.toml constraints.txt clients/python/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==26.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ./clients/python
	touch $(STAMP)

install: $(STAMP)

mock: $(STAMP)
	$(BIN)/miso mock --host $(HOST) --port $(PORT)

test: $(STAMP)
	scripts/services/ensure-redis
	$(BIN)/python -m pytest -n 2
	cd clients/typescript && npm ci --no-audit --no-fund && npm test

lint: $(STAMP)
	$(BIN)/miso lint

# Spectral and Redocly on the bundle; installs their pinned versions with npm on first use.
.PHONY: lint-public
lint-public: $(STAMP)
	$(BIN)/miso lint --spec-only --public

bundle: $(STAMP)
	$(BIN)/miso bundle

clients: $(STAMP)
	$(BIN)/miso clients

conform: $(STAMP)
	$(BIN)/miso conform --base-url "$(BASE_URL)" --client-id "$(CLIENT_ID)" --client-secret "$(CLIENT_SECRET)"

bench: $(STAMP)
	$(BIN)/miso bench
