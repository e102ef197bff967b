# Two commands for a newcomer: `make lab` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install lab test bench figures e2e-setup clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

# Jupyter refuses to run as root unless told to (containers and CI machines often are root).
lab: $(STAMP)
	$(BIN)/jupyter lab course/ $$([ "$$(id -u)" = 0 ] && echo --allow-root)

# One BLAS thread per test worker: with two xdist workers on two cores, BLAS threads would
# fight over the cores and make the suite several times slower.
test: $(STAMP)
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest -n 2 --dist loadscope tests

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The browser tests (tests/e2e) need Debian's Chromium and Playwright; without them they skip.
e2e-setup: $(STAMP)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	  else \
	    echo "e2e-setup: install chromium (sudo apt-get install chromium); browser tests will skip"; \
	  fi; \
	fi
	$(BIN)/python -m pip install -r requirements-e2e.txt

figures: $(STAMP)
	$(BIN)/python -m minigrad.viz.make_figures docs/figures

clean:
	rm -rf $(VENV) .pytest_cache
