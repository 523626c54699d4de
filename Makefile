# Everything a fresh machine needs: `make demo` and `make test` create their own virtualenv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= demo.db
PORT ?= 8001
SAMPLES := samples/documents

.PHONY: install demo test lint samples clean ocr browser

$(BIN)/plandrift: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/plandrift

samples: install
	$(BIN)/python samples/generate.py $(SAMPLES)

demo: samples ocr
	$(BIN)/plandrift ingest $(SAMPLES) --db $(DB) --jobs 2
	$(BIN)/plandrift serve --db $(DB) --port $(PORT)

test: install ocr browser
	$(BIN)/python -m pytest
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Programs from Debian's packages, installed where we can (as root, through apt): Tesseract
# reads scanned pages (OCR); the browser tests drive Chromium. Without them, scans are stored
# without text and the browser tests are skipped.
APT_INSTALL = [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

ocr:
	@command -v tesseract >/dev/null 2>&1 || { $(APT_INSTALL) tesseract-ocr >/dev/null \
		|| echo "Tesseract not installed (apt-get install tesseract-ocr): scans will have no text"; }

browser:
	@command -v chromium >/dev/null 2>&1 || { $(APT_INSTALL) chromium >/dev/null \
		|| echo "Chromium not installed (apt-get install chromium): browser tests skipped"; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) $(SAMPLES) $(DB) $(DB)-wal $(DB)-shm *.egg-info .pytest_cache .ruff_cache
