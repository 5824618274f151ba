# newsmap: `make run` serves the app on the bundled corpus; `make test` runs every check.
# Both work on a fresh Debian machine with Python 3.11 (see README.md).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8501

.PHONY: run test install install-test chromium postgresql nginx build bench capacity screenshot \
	replicas replicas-stop clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test chromium postgresql nginx

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || scripts/apt_install.sh chromium

# Debian's PostgreSQL server: the tests start a throwaway one (tests/pgserver.py) and run the
# store, query and build tests against it as well as SQLite.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || scripts/apt_install.sh postgresql

# nginx, the load balancer in front of the app replicas (scripts/replicas.py).
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || scripts/apt_install.sh nginx-light

build: install
	$(BIN)/newsmap build; status=$$?; [ $$status -le 1 ] || exit $$status

run: build
	$(BIN)/streamlit run app.py --server.address $(HOST) --server.port $(PORT) \
	  --server.headless true --browser.gatherUsageStats false

test: install-test
	$(BIN)/ruff check .
	$(BIN)/mypy newsmap
	$(BIN)/pytest

bench: install-test
	$(BIN)/python bench/scale.py --sizes 1000,10000,100000

# PostgreSQL + N Streamlit replicas + nginx with sticky sessions, on loopback (see README).
N ?= 2
replicas: install postgresql nginx
	$(BIN)/python scripts/replicas.py start --replicas $(N)

replicas-stop:
	$(BIN)/python scripts/replicas.py stop

capacity: install-test
	$(BIN)/python bench/capacity.py

screenshot: install-test
	$(BIN)/python scripts/screenshot.py docs/screenshot.png

clean:
	rm -rf .newsmap .pytest_cache .mypy_cache .ruff_cache
