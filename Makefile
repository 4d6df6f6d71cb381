# factbase: `make demo` runs it on SQLite with the seed fact-checked; `make test` tests it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/factbase

.PHONY: install demo serve test test-sqlite test-postgres reliability check lint typecheck bench schema train-detector

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py ingest seeds/
	$(BIN)/python manage.py load_factchecks fixtures/
	@echo "Demo accounts (log in at http://127.0.0.1:$(PORT)/admin/):"
	@$(BIN)/python manage.py demo_accounts
	$(MAKE) serve

serve: install
	$(BIN)/python manage.py runserver --noreload 127.0.0.1:$(PORT)

# The suite on SQLite, then on PostgreSQL. Without a reachable PostgreSQL it says so and
# stops after SQLite, except in CI (CI=true), where that is a failure.
test: install
	$(MAKE) --no-print-directory test-sqlite
	@if $(BIN)/python -c "import psycopg; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable on 127.0.0.1:5432, and CI needs it." >&2; exit 1; \
	else \
		echo "PostgreSQL is not reachable on 127.0.0.1:5432: tested on SQLite only."; \
	fi

test-sqlite: install
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install
	@echo "== tests on PostgreSQL ($(PG_URL)) =="
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

# The reliability suite alone, on PostgreSQL: it rewrites docs/reliability.md.
reliability: install
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest tests/reliability -p no:cacheprovider $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy factbase api

check: lint typecheck test

# The benchmark (bench/): SIZE=S (10k claims, the default), M (100k) or L (1M);
# ENGINES=sqlite,postgres; INGEST=2000 articles for the streaming-ingest measurement.
# Results, table and chart in bench/results/.
SIZE ?= S
ENGINES ?= sqlite,postgres
INGEST ?= 2000
BENCH_ARGS ?=

bench: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python -m bench.run --size $(SIZE) --engines $(ENGINES) $(BENCH_ARGS)
	$(BIN)/python -m bench.ingest --articles $(INGEST)

schema: install
	$(BIN)/python manage.py spectacular --api-version v1 --validate --fail-on-warn --file /dev/null

# Retrain the check-worthiness model from data/claimbuster/ (fixed seed) and rewrite
# factbase/checkworthy/weights.json; scikit-learn is needed here only, never at run time.
train-detector: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,train]'
	$(BIN)/python bench/train_detector.py
	$(BIN)/python bench/checkworthy.py
