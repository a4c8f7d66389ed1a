# Quick start: `make run` serves the site, `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
INDEX ?= index
CORPUS ?= corpus
# Server worker processes: `make run WORKERS=2`; empty means one per core.
WORKERS ?=

.PHONY: run test install index chromium sphinx clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Incremental: unchanged articles are skipped, so this is cheap when the index is current.
index: install
	$(BIN)/searcher index $(CORPUS) --index $(INDEX)

run: index
	$(BIN)/searcher serve --index $(INDEX) --host 127.0.0.1 --port 8000 $(if $(WORKERS),--workers $(WORKERS))

# Browser tests drive Debian's chromium (Playwright cannot download browsers here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

# The cluster backend's tests start two shards of Debian's Sphinx (searchd) on loopback ports.
sphinx:
	@command -v searchd >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq sphinxsearch; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq sphinxsearch; fi; }

test: install chromium sphinx
	$(BIN)/pytest -q -rs

clean:
	rm -rf $(VENV) $(INDEX)/_MAIN_* $(INDEX)/*.seg $(INDEX)/*.toc
