# Every target sets up .venv first (re-installing only when pyproject.toml changed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: setup report test bench lab

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## The main job: every notebook executed on the bundled corpus, rendered to reports/index.html.
report: setup
	$(BIN)/toolkit report data --out reports

## Lint, unit and property tests, then the committed notebooks re-run and compared by nbval.
test: setup
	$(BIN)/ruff check toolkit tests benchmarks scripts
	$(BIN)/pytest $(NBVAL) tests notebooks

## Accuracy and speed against third-party data in $(SHARED) (not part of the tests).
bench: setup
	$(BIN)/python benchmarks/cleaning.py $(SHARED)/eval/cleaning
	$(BIN)/python benchmarks/entities.py $(SHARED)/eval/ner/conll2003_aida_dev.jsonl
	$(BIN)/python benchmarks/timex.py $(SHARED)/eval/timex/tbaq
	$(BIN)/python benchmarks/throughput.py $(SHARED)/corpora/reuters21578.tar.gz

lab: setup
	$(BIN)/jupyter lab notebooks/
