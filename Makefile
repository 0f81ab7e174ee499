# The two set-up commands are `make site` and `make test`; see README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Install stamps: the runtime set (requirements.txt) for building, the development set on top of it for testing.
STAMP := $(VENV)/.installed-from-requirements
DEV_STAMP := $(VENV)/.installed-from-requirements-dev
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes
# The fact tree that site, serve, check and coverage use (tests/browser/test_bad_input.py points it at broken copies).
FACTS ?= facts
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-fast test-browser browser-tools check coverage schema golden lock clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@

# Re-pin requirements*.txt with hashes from pyproject.toml (runtime dependencies, then the `dev` extra on top),
# keeping the current pins; `make lock LOCK_ARGS=--upgrade` moves them to the newest releases. pip-tools runs
# from a throwaway venv, and without pip's configuration, so that the hashes are those of the package index.
COMPILE = CUSTOM_COMPILE_COMMAND="make lock" PIP_CONFIG_FILE=/dev/null $$tmp/bin/pip-compile --quiet \
	--generate-hashes --strip-extras --allow-unsafe --no-emit-find-links $(LOCK_ARGS)
lock:
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(PYTHON) -m venv $$tmp && $$tmp/bin/pip install --quiet --disable-pip-version-check pip-tools==7.6.2 && \
	$(COMPILE) -o requirements.txt pyproject.toml && \
	$(COMPILE) --extra dev -c requirements.txt -o requirements-dev.txt pyproject.toml

# Render into docs/ and build into a scratch folder (the steps are listed in generator/sitebuild.py),
# then swap it in: a failed build leaves the previous site/ as it was.
site: $(STAMP)
	rm -rf .site.tmp
	$(PY) -m generator.sitebuild $(FACTS) --site .site.tmp
	rm -rf .site.old
	if [ -d site ]; then mv site .site.old; fi
	mv .site.tmp site
	rm -rf .site.old
	@echo "site built in site/"

# Live preview: the generator re-renders docs/ when a fact or template changes, rewriting only the files that
# differ, and `mkdocs serve --dirty` rebuilds only those pages and reloads the browser (generator/preview.py).
serve: $(STAMP)
	$(PY) -m generator serve $(FACTS)

test: $(DEV_STAMP) browser-tools
	$(PY) -m pytest

test-fast: $(DEV_STAMP)
	$(PY) -m pytest -m "not slow"

# Only the tests that drive Chromium (reader scenarios, accessibility); screenshots go to test-artifacts/screenshots/.
test-browser: $(DEV_STAMP) browser-tools
	$(PY) -m pytest -m browser

# Chromium and Java from apt when missing, axe-core and vnu-jar from npm (tests/browser/package-lock.json).
browser-tools:
	bash tests/browser/install-tools.sh

check: $(STAMP)
	$(PY) -m generator check $(FACTS)

coverage: $(STAMP)
	$(PY) -m generator coverage $(FACTS)

schema: $(STAMP)
	$(PY) -m generator schema --out schema

# Regenerate tests/golden/ after a deliberate change to the pages; review the diff before committing.
golden: $(DEV_STAMP)
	$(PY) -m pytest tests/test_render.py --update-golden

clean:
	rm -rf site .site.tmp .site.old docs/.generated.tmp docs/.generated.old
	rm -rf $(addprefix docs/,people organisations places outlets sources claims events figures discrepancies dates corrections data index.md robots.txt)
