# Tourdesk: `make demo` runs the main job on the bundled samples, `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint bench bench-quick clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/tourdesk demo --out out

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# on every core (pytest-xdist), with the 15 slowest tests named so they can be kept cheap
test: $(VENV)/.installed-test lint
	$(BIN)/python -m pytest -q -n auto --dist loadgroup --durations=15

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks

bench-quick: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks --quick

clean:
	rm -rf out .pytest_cache .ruff_cache
