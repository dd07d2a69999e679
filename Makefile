# cpbtracker: `make demo` installs and starts the product; `make test` installs and runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export CPBTRACKER_DATA_DIR ?= $(CURDIR)/var
PG_URL ?= postgres://postgres@127.0.0.1:5432/cpbtracker

.PHONY: demo install test test-fast test-durations lint check-browser test-sqlite test-postgres bench messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/cpbtracker migrate --no-input
	$(BIN)/cpbtracker demo load
	@echo "cpbtracker is starting at http://127.0.0.1:8000/ (Ctrl-C stops it)"
	$(BIN)/cpbtracker serve --bind 127.0.0.1:8000 --workers 2

lint: install
	$(BIN)/ruff check cpbtracker bench conftest.py
	$(BIN)/ruff format --check cpbtracker bench conftest.py
	$(BIN)/mypy  # with django-stubs and djangorestframework-stubs; configured in pyproject.toml

# Browser tests (marker `browser`) drive the system's Chromium; without it they are left out
# and the run says so. REQUIRE_BROWSER=1 (set by CI) turns "no Chromium" into a failure.
CHROMIUM := $(shell command -v chromium 2>/dev/null)
BROWSER_TESTS := $(if $(CHROMIUM),,-m "not browser")

check-browser:
	@if [ -z "$(CHROMIUM)" ]; then \
		if [ -n "$$REQUIRE_BROWSER" ]; then echo "Chromium required but not installed"; exit 1; fi; \
		echo "== Chromium not installed: browser tests left out (apt-get install chromium)"; \
	fi

# The tests run on every core (pytest-xdist, one test database per worker, each module's tests
# on one worker so that its browser and demo are started once). TEST_WORKERS=0: one process.
# The API fuzz module runs in one process after the rest: schemathesis gives all of a fuzz
# test's operations one node id, and xdist would run only one of them.
TEST_WORKERS ?= auto
FUZZ := cpbtracker/reporting/tests/test_api_fuzz.py
PARALLEL := -n $(TEST_WORKERS) --dist loadscope --ignore=$(FUZZ)

# Each run makes its own data directory (conftest.py), never the demo's ./var.
OWN_DATA_DIR := env -u CPBTRACKER_DATA_DIR
SQLITE := $(OWN_DATA_DIR) -u DATABASE_URL

test-sqlite: install check-browser
	@echo "== tests on SQLite"
	$(SQLITE) $(BIN)/pytest -q $(PARALLEL) $(BROWSER_TESTS)
	$(SQLITE) $(BIN)/pytest -q $(FUZZ)

# The edit loop: every test but the browser tests, on SQLite only.
test-fast: install
	$(SQLITE) $(BIN)/pytest -q $(PARALLEL) -m "not browser"
	$(SQLITE) $(BIN)/pytest -q $(FUZZ)

# PostgreSQL runs when TEST_DATABASE_URL is set or a server answers at 127.0.0.1:5432;
# REQUIRE_POSTGRES=1 (set by CI) turns "no server" into a failure instead of a skip.
test-postgres: install check-browser
	@url="$${TEST_DATABASE_URL:-$(PG_URL)}"; \
	if $(BIN)/python -m cpbtracker.lib.dbcheck "$$url"; then \
		echo "== tests on PostgreSQL ($$url)"; \
		$(OWN_DATA_DIR) DATABASE_URL="$$url" $(BIN)/pytest -q $(PARALLEL) $(BROWSER_TESTS) && \
		$(OWN_DATA_DIR) DATABASE_URL="$$url" $(BIN)/pytest -q $(FUZZ); \
	elif [ -n "$$REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL required but not reachable at $$url"; exit 1; \
	else \
		echo "== PostgreSQL not reachable at $$url: tests ran on SQLite only"; \
	fi

# One database after the other: the suite keeps both cores busy, and the two runs at once took
# longer (790 s against 650 s here).
test: lint test-sqlite test-postgres

# How long the suite takes: the SQLite run as `make test` runs it, with its ten slowest steps
# (a test's setup, call or teardown) and the time of the whole run.
test-durations: install check-browser
	$(SQLITE) $(BIN)/pytest -q $(PARALLEL) $(BROWSER_TESTS) --durations=10
	$(SQLITE) $(BIN)/pytest -q $(FUZZ) --durations=10

BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/cpbtracker_bench

bench: install
	env -u DATABASE_URL $(BIN)/python bench/run.py
	env -u DATABASE_URL $(BIN)/python bench/load.py
	env -u DATABASE_URL $(BIN)/python bench/documents.py
	@if $(BIN)/python -m cpbtracker.lib.dbcheck "$(BENCH_PG_URL)"; then \
		DATABASE_URL="$(BENCH_PG_URL)" $(BIN)/python bench/run.py; \
		DATABASE_URL="$(BENCH_PG_URL)" $(BIN)/python bench/load.py; \
	else echo "== PostgreSQL not reachable: SQLite figures only"; fi

# Refresh the catalogues of the five languages besides English from the sources, and compile them
# (the languages as cpbtracker/lib/languages.py lists them).
CATALOGUE_LANGUAGES = $(shell $(BIN)/python -c "from cpbtracker.lib.languages import makemessages_arguments as a; print(a())")
messages: install
	cd cpbtracker && ../$(BIN)/cpbtracker makemessages $(CATALOGUE_LANGUAGES) --no-obsolete --no-location && ../$(BIN)/cpbtracker compilemessages $(CATALOGUE_LANGUAGES)
	cd cpbtracker/records && ../../$(BIN)/cpbtracker makemessages $(CATALOGUE_LANGUAGES) --no-obsolete --no-location && ../../$(BIN)/cpbtracker compilemessages $(CATALOGUE_LANGUAGES)
	cd cpbtracker/capacity && ../../$(BIN)/cpbtracker makemessages $(CATALOGUE_LANGUAGES) --no-obsolete --no-location && ../../$(BIN)/cpbtracker compilemessages $(CATALOGUE_LANGUAGES)

clean:
	rm -rf $(VENV) var
