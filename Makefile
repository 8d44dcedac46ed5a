# Two commands do all set-up on a fresh machine:
#   make run   - create .venv, install, process examples/ into dateline.duckdb, print results
#   make test  - create .venv if needed, run the test suite (and the quality gate when ../shared/data exists)

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
DB     ?= dateline.duckdb
SHARED ?= ../shared/data

.PHONY: run test install browser gate bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,dask]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/dateline run examples/ --db $(DB) --published 2022-02-03 --quiet
	$(BIN)/dateline show examples/putin-china-olympics.txt --db $(DB)
	$(BIN)/dateline stats --db $(DB)

# Debian's Chromium for the browser tests (nothing downloads a browser of its own).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "note: /usr/bin/chromium missing and not root: browser tests will be skipped"; fi

test: $(STAMP) browser
	$(BIN)/python -m pytest -q
	@if [ -d "$(SHARED)" ]; then $(BIN)/python bench/quality_gate.py --data $(SHARED); \
	else echo "quality gate skipped: $(SHARED) not found"; fi

gate: $(STAMP)
	$(BIN)/python bench/quality_gate.py --data $(SHARED)

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache
