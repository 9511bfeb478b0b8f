# The two commands a newcomer runs: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
SEED := seeds/000_9d25f3013ebffe61.txt

.PHONY: demo test lint model bench compiled clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

demo: $(STAMP)  ## set up and score the example article
	$(BIN)/rhetoric score $(SEED)

test: $(STAMP)  ## lint, validate the corpus, run the whole suite
	$(BIN)/ruff check src tests bench training
	$(BIN)/mypy
	$(BIN)/rhetoric corpus check corpora
	$(BIN)/python -m pytest

model: $(STAMP)  ## retrain the shipped model from corpora/ with training/config.toml
	$(BIN)/rhetoric train --corpus corpora --config training/config.toml --out model

bench: $(STAMP)  ## speed, quality and guideline-agreement tables (the last two need ../shared/eval)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/guidelines.py

compiled: $(STAMP)  ## build the compiled wheel (mypyc, about 20 s) into dist/: pip install dist/rhetoric-*.whl
	$(BIN)/python bench/compiled.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
