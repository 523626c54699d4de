# Everything a fresh machine needs: `make demo` and `make test` create their own virtualenv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= demo.db
PORT ?= 8001
SAMPLES := samples/documents

.PHONY: install demo test lint samples clean browser

$(BIN)/plandrift: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/plandrift

samples: install
	$(BIN)/python samples/generate.py $(SAMPLES)

demo: samples
	$(BIN)/plandrift ingest $(SAMPLES) --db $(DB) --jobs 2
	$(BIN)/plandrift serve --db $(DB) --port $(PORT)

test: install browser
	$(BIN)/python -m pytest
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The browser tests drive Debian's Chromium; install it where we can (as root, through apt).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "Chromium not installed: the browser tests will be skipped (apt-get install chromium)"; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) $(SAMPLES) $(DB) $(DB)-wal $(DB)-shm *.egg-info .pytest_cache .ruff_cache
