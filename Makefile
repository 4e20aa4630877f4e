# Dịch Vụ Công — the two commands a province's IT team needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export PORT

.PHONY: run test lint format install worker bench cluster load messages openapi clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,redis,bench]"
	@touch $(STAMP)

install: $(STAMP)

var/secret_key:
	@mkdir -p var
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

## Install, migrate, load the demo province, start web server + task worker on http://127.0.0.1:$(PORT)
run: install var/secret_key
	SECRET_KEY="$$(cat var/secret_key)" DEMO_MODE=$${DEMO_MODE:-1} $(BIN)/python manage.py runportal

## Run the whole suite (SQLite by default; PostgreSQL when DATABASE_URL=postgres://… is set)
test: install
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .
	PYTHONPATH=src $(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	PYTHONPATH=src $(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix .

## Compile the translation catalogs (pure Python, no gettext tools needed)
messages: install
	DEBUG=1 $(BIN)/python manage.py compile_catalogs

## Regenerate the committed OpenAPI document (src/dichvucong/api/openapi.json) after an API change
openapi: install
	DEBUG=1 $(BIN)/python manage.py write_openapi

bench: install
	$(BIN)/python bench/catalog_search.py

## nginx + 2 web nodes + 2 task workers + Redis + PostgreSQL on this machine (docs/DEPLOYMENT.md)
cluster: install
	$(BIN)/python bench/cluster.py --demo

## The load test (locust, 60 s, loopback): one node, then the two-node cluster (docs/PERFORMANCE.md)
load: install
	$(BIN)/python bench/load.py --nodes 1 --web-processes 4 --threads 2
	$(BIN)/python bench/load.py --nodes 2 --web-processes 2 --threads 2 --workers 2

clean:
	rm -rf $(VENV) var/static .pytest_cache test-artifacts
