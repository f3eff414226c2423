# R2P Desktop. `make run` starts the application, `make test` runs every check; both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run compiled test typecheck pytest bundle install-desktop benchmark clean

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

# dist/r2p-desktop/, run by dist/r2p-desktop/r2p-desktop (.ci/run runs its --self-test).
bundle: $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	$(BIN)/pyinstaller --noconfirm --clean build_installer.spec

# The menu entry, icons and AppStream data for this user (Linux), the entry starting this checkout's r2p-desktop.
DESKTOP_DATA ?= $(HOME)/.local/share
APP_ID := org.r2p.Desktop

install-desktop: $(INSTALLED)
	sed 's|^Exec=r2p-desktop|Exec=$(abspath $(BIN))/r2p-desktop|' resources/linux/$(APP_ID).desktop \
		| install -D -m 644 /dev/stdin $(DESKTOP_DATA)/applications/$(APP_ID).desktop
	install -D -m 644 resources/linux/$(APP_ID).metainfo.xml $(DESKTOP_DATA)/metainfo/$(APP_ID).metainfo.xml
	install -D -m 644 resources/icons/$(APP_ID).svg $(DESKTOP_DATA)/icons/hicolor/scalable/apps/$(APP_ID).svg
	for size in 16 32 48 64 128 256 512; do \
		install -D -m 644 resources/icons/$(APP_ID)-$$size.png $(DESKTOP_DATA)/icons/hicolor/$${size}x$${size}/apps/$(APP_ID).png; \
	done

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
