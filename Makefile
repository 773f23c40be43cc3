# Set-up is part of every target: a fresh clone needs only Python 3.11+ and make.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

AXE := .cache/axe/node_modules/axe-core/axe.min.js

.PHONY: demo test lint

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsdesk run examples/demo --db demo.db --out site

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

# axe-core (npm) runs the browser tests' accessibility check; without npm that test is skipped.
$(AXE):
	@if command -v npm >/dev/null; then \
		npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4.14.1; \
	else echo "npm not found: the accessibility test will be skipped"; fi

test: lint $(AXE)
	$(BIN)/python -m pytest
