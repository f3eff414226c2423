# R2P Desktop. `make run` starts the application, `make test` runs every check; both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run compiled test typecheck pytest bundle benchmark clean

run: $(INSTALLED) compiled
	@scripts/debian-packages.sh run
	$(BIN)/r2p-desktop

# Byte-compile the application once, so a launch does not compile it again each time (it would on a
# machine that sets PYTHONDONTWRITEBYTECODE, as this one does: a tenth of a second at every start).
compiled:
	@$(BIN)/python -m compileall -q r2p_desktop

# The type check runs beside the tests: they leave a core idle while they wait on the processes they start.
test: $(INSTALLED)
	@scripts/debian-packages.sh test
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	@$(MAKE) --no-print-directory -j2 typecheck pytest

typecheck: $(INSTALLED)
	$(BIN)/python scripts/mypy-baseline.py

# One worker more than the cores: many tests spend their time waiting on an r2p process or a lock.
WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))

pytest: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest --numprocesses $(WORKERS) --dist worksteal

$(INSTALLED): pyproject.toml
	@scripts/debian-packages.sh test
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

bundle: $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	$(BIN)/pyinstaller --noconfirm --clean build_installer.spec

benchmark: $(INSTALLED) compiled
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/questions_view.py
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/record_picker.py
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/briefing.py
	$(BIN)/python benchmarks/pack_memory.py
	$(BIN)/python benchmarks/bulk_import.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
