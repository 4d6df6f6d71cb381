# factbase: `make demo` runs it on SQLite with the seed fact-checked; `make test` tests it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/factbase

.PHONY: install demo serve test test-fast test-sqlite test-postgres reliability docs check lint typecheck bench schema train-matcher train-detector

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
	$(BIN)/python manage.py match_claims
	@echo "Demo accounts (log in at http://127.0.0.1:$(PORT)/admin/):"
	@$(BIN)/python manage.py demo_accounts
	$(MAKE) serve

# Production serving: gunicorn with threaded workers (factbase/gunicorn_conf.py, README
# "Serving"). PORT=8001 to move it; HOST=0.0.0.0 to listen beyond loopback.
HOST ?= 127.0.0.1
serve: install
	$(BIN)/gunicorn --config python:factbase.gunicorn_conf --bind $(HOST):$(PORT)

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

# The inner loop: SQLite only, no browser, no load tests, no sweeps, a tenth of the
# generated examples (tests/budget.py); one worker per core, each test module whole on
# one worker (pytest-xdist).
FAST_MARKERS := not browser and not slow and not fuzz and not postgres
test-fast: install
	env -u DATABASE_URL FACTBASE_TEST_LANE=fast $(BIN)/python -m pytest -q -p no:cacheprovider -m "$(FAST_MARKERS)" \
		-n auto --dist loadfile $(PYTEST_ARGS)

test-sqlite: install
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install
	@echo "== tests on PostgreSQL ($(PG_URL)) =="
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest $(PYTEST_ARGS)

# The reliability suite alone, on PostgreSQL: it writes reports/reliability.md.
reliability: install
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest tests/reliability -p no:cacheprovider $(PYTEST_ARGS)

# Tests write their reports and screenshots to the ignored reports/ folder, so a run
# never changes a tracked file. This copies the latest ones into docs/ (commit them).
docs:
	@test -f reports/reliability.md || { echo "No reports/reliability.md: run make test or make reliability first." >&2; exit 1; }
	cp reports/reliability.md docs/reliability.md
	@if ls reports/screenshots/*.png >/dev/null 2>&1; then mkdir -p docs/screenshots && cp reports/screenshots/*.png docs/screenshots/; fi
	@git status --short docs/

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

# The claim matcher's reranker (factbase/matching/reranker.json) and its dev-split figures
# (bench/results/matching.md), from the CLEF CheckThat! files (kept outside the repository).
MATCHING_DATA ?= ../shared/data/claim-matching
train-matcher: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,train]'
	$(BIN)/python tools/train_matcher.py --data $(MATCHING_DATA)

schema: install
	$(BIN)/python manage.py spectacular --api-version v1 --validate --fail-on-warn --file /dev/null

# Retrain the check-worthiness model from data/claimbuster/ (fixed seed) and rewrite
# factbase/checkworthy/weights.json; scikit-learn is needed here only, never at run time.
train-detector: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,train]'
	$(BIN)/python bench/train_detector.py
	$(BIN)/python bench/checkworthy.py
