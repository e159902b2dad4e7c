# Two entry points: `make demo` and `make test`. Both install into .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint lock bench clean-venv train

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[web]"
	touch $@

# The test environment is pinned: requirements-test.lock holds the exact versions.
$(VENV)/.installed-test: pyproject.toml requirements-test.lock | $(BIN)/python
	$(BIN)/pip install --quiet -c requirements-test.lock -e ".[test]"
	touch $@

SHARED ?= ../shared
# Fits the learned decisions on the annotated corpus and writes the weights the package ships.
train: $(VENV)/.installed-test
	$(BIN)/tacitus train annotations/events/gold.jsonl \
		--articles $(SHARED)/corpus/allsides_dev.jsonl \
		--synthetic $(SHARED)/resources/ngec/gpt_synthetic_events_2023-10-19_19.csv \
		--out src/tacitus/events/data/decisions.npz

demo: $(VENV)/.installed
	$(BIN)/tacitus demo

# Browser tests drive Debian's chromium through the playwright package (never `playwright install`).
test: $(VENV)/.installed-test
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

# Re-pin the test environment after a dependency change in pyproject.toml.
lock: $(VENV)/.installed-test
	{ sed -n '1,3p' requirements-test.lock; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^#' | sort -f; } > requirements-test.lock.new
	mv requirements-test.lock.new requirements-test.lock

clean-venv:
	rm -rf $(VENV)
