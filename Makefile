# Two entry points for a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint e2e bench embeddings clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON) on PATH (or: make PYTHON=python3 ...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: set up, then start the bot on Discord if DISCORD_TOKEN is set, else the local console
run: $(STAMP)
	@if [ -n "$$DISCORD_TOKEN" ]; then exec $(BIN)/studybot run; \
	else echo "DISCORD_TOKEN is not set: starting the local console (studybot chat) instead."; exec $(BIN)/studybot chat; fi

## test: set up, lint, then run the whole test suite
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/studybot kb check knowledge/mls-c01
	$(BIN)/studybot kb check knowledge/mla-c01
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

e2e: $(STAMP)
	$(BIN)/pytest -q tests/e2e

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks

## embeddings: rebuild the static token vectors a pasted question's meaning is read with (bot/matching/embeddings)
embeddings: $(STAMP)
	$(BIN)/pip install --quiet -e '.[embeddings]'
	$(BIN)/python tools/distill_embeddings.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
