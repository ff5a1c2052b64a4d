# Two commands set everything up on a fresh Debian/Ubuntu machine:
#   make site   build the example district site into site/
#   make test   lint, type-check and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test check serve lint typecheck unit golden bench clean

site: $(STAMP)
	scripts/system-deps.sh site
	$(BIN)/disclose build

check: $(STAMP)
	$(BIN)/disclose check

serve: $(STAMP)
	scripts/system-deps.sh site
	$(BIN)/disclose serve

test: $(STAMP)
	scripts/system-deps.sh test
	$(MAKE) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# -m "" lifts the everyday selection in pyproject.toml (not slow and not fuzz): every test runs.
unit: $(STAMP)
	ORACLE_EXAMPLES=$${ORACLE_EXAMPLES:-30} $(BIN)/pytest -q -m ""

golden: $(STAMP)
	UPDATE_GOLDEN=1 $(BIN)/pytest -q -m "" tests/test_golden.py tests/test_compliance.py tests/test_typed.py tests/test_registers.py tests/test_kinds.py
	$(BIN)/disclose fields --write docs/fields.md
	$(BIN)/disclose schema --write schemas
	git --no-pager diff --stat -- tests/golden docs schemas

bench: $(STAMP)
	scripts/system-deps.sh site
	$(BIN)/python -m bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build site .pytest_cache .mypy_cache .ruff_cache
