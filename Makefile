# Everything a fresh machine needs: `make demo` and `make test` create their own virtualenv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= demo.db
PORT ?= 8001
SAMPLES := samples/documents

.PHONY: install demo test lint samples clean

$(BIN)/plandrift: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/plandrift

samples: install
	$(BIN)/python samples/generate.py $(SAMPLES)

demo: samples
	$(BIN)/plandrift ingest $(SAMPLES) --db $(DB)
	$(BIN)/plandrift serve --db $(DB) --port $(PORT)

test: install
	$(BIN)/python -m pytest
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) $(SAMPLES) $(DB) $(DB)-wal $(DB)-shm *.egg-info .pytest_cache .ruff_cache
