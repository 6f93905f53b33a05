# Every target sets up .venv first (re-installing only when pyproject.toml changed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: setup browser report test notebooks bench lab

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## Headless Chromium for the browser tests: Debian's packages, installed here when root with apt-get, else one
## line saying what to run.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing headless Chromium for the browser tests: apt-get install chromium chromium-driver"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else \
		echo "make test needs headless Chromium; run: sudo apt-get install -y chromium chromium-driver" >&2; exit 1; \
	fi

## The main job: every notebook executed on the bundled corpus, rendered to reports/index.html.
report: setup
	$(BIN)/toolkit report data --out reports

## Lint, unit and property tests, browser checks, then the committed notebooks re-run and compared by nbval.
test: setup browser
	$(BIN)/ruff check toolkit tests benchmarks scripts
	$(BIN)/pytest $(NBVAL) tests notebooks

## Re-execute the committed notebooks on the bundled corpus (nbval compares their outputs), then drop the tables'
## 1 MB library and widget state from them (running a notebook brings them back).
notebooks: setup
	for nb in notebooks/[0-9][0-9]-*.ipynb; do \
		(cd notebooks && ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace "$$(basename $$nb)") || exit 1; \
	done
	$(BIN)/python -m toolkit.show notebooks/[0-9][0-9]-*.ipynb

## Accuracy and speed against third-party data in $(SHARED) (not part of the tests).
bench: setup
	$(BIN)/python benchmarks/cleaning.py $(SHARED)/eval/cleaning $(SHARED)/eval/cleaning_gn1
	$(BIN)/python benchmarks/entities.py $(SHARED)/eval/ner/conll2003_aida_dev.jsonl
	$(BIN)/python benchmarks/timex.py $(SHARED)/eval/timex/tbaq $(SHARED)/eval/timex/meantime
	$(BIN)/python benchmarks/stories.py $(SHARED)/corpora/reuters21578.tar.gz
	$(BIN)/python benchmarks/throughput.py $(SHARED)/corpora/reuters21578.tar.gz
	$(BIN)/python benchmarks/scale.py $(SHARED)/corpora/reuters21578.tar.gz

lab: setup
	$(BIN)/jupyter lab notebooks/
