# Two commands for a newcomer: `make lab` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install lab test bench figures clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab course/

# One BLAS thread per test worker: with two xdist workers on two cores, BLAS threads would
# fight over the cores and make the suite several times slower.
test: $(STAMP)
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest -n 2 --dist loadscope tests

bench: $(STAMP)
	$(BIN)/python -m benchmarks

figures: $(STAMP)
	$(BIN)/python -m minigrad.viz.make_figures docs/figures

clean:
	rm -rf $(VENV) .pytest_cache
