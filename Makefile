# Two commands work on a fresh machine: `make run` and `make test`. Everything else is for
# developers. The virtual environment lives in .venv and is created on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test conformance lint contracts typecheck bench golden docs months screenshots clean

$(STAMP): pyproject.toml constraints-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -c constraints-dev.txt
	touch $(STAMP)

run: $(STAMP)  ## build the bundled sample pages into dist/ and validate them
	$(BIN)/osce-rdf build -o dist
	$(BIN)/osce-rdf validate dist --source-root data/pages

test: $(STAMP)  ## the whole test suite (without the conformance suite)
	$(BIN)/python -m pytest -q

# The conformance suite: our outputs read by engines others wrote (README, "Conformance").
# Debian's engines come from conformance/install-engines (as root); npm's from the lock file.
NODE_STAMP := conformance/node_modules/.package-lock.json

$(NODE_STAMP): conformance/package.json conformance/package-lock.json
	cd conformance && npm ci --no-audit --no-fund --loglevel=error

conformance: $(STAMP) $(NODE_STAMP)  ## N3.js, rapper, Jena, jsonld.js and pySHACL check the outputs
	$(BIN)/python -m pytest -q -m conformance tests/conformance

lint: $(STAMP)  ## ruff check, ruff format --check, and the import contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

contracts: $(STAMP)  ## the layering of docs/decisions/0018 (import-linter)
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)  ## the benchmark script on 1,000 and 5,000 pages (see README for more)
	$(BIN)/python benchmarks/run.py --sizes 1000,5000

golden: $(STAMP)  ## regenerate the golden files under tests/golden (seed graph, context, pinned corpus)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m golden --regenerate-golden

docs: $(STAMP)  ## regenerate the generated parts of the README (CLI reference, query catalogue)
	$(BIN)/python -c "from pathlib import Path; from osce_rdf.cli.readme import update; update(Path('README.md'))"

screenshots: $(STAMP)  ## the sample site in headless Chromium: build/screenshots/*.png, for review
	$(BIN)/python -m tests.screenshots build/screenshots

months: $(STAMP)  ## regenerate osce_rdf/reading/month_names.json from CLDR (after changing dates.LANGUAGES)
	$(BIN)/python -c "from osce_rdf.reading.dates import write_month_table; write_month_table()"

clean:
	rm -rf dist build .pytest_cache .mypy_cache .ruff_cache conformance/node_modules conformance/.cache
