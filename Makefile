# The two set-up commands are `make site` and `make test`; see README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-from-requirements
# The fact tree that site, serve, check and coverage use (tests/browser/test_bad_input.py points it at broken copies).
FACTS ?= facts
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-fast test-browser browser-tools check coverage schema golden clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Validate, render into docs/, build into a scratch folder, index it for search, then swap it in:
# a failed build leaves the previous site/ as it was.
site: $(STAMP)
	$(PY) -m generator build $(FACTS)
	rm -rf .site.tmp
	$(PY) -m mkdocs build --strict --quiet --site-dir .site.tmp
	$(PY) -m generator.search .site.tmp
	rm -rf .site.old
	if [ -d site ]; then mv site .site.old; fi
	mv .site.tmp site
	rm -rf .site.old
	@echo "site built in site/"

# Live preview: the watcher re-renders docs/ when a fact or template changes, and MkDocs reloads.
serve: $(STAMP)
	$(PY) -m generator build $(FACTS)
	$(PY) -m generator watch $(FACTS) & watcher=$$!; trap 'kill $$watcher' EXIT INT TERM; $(PY) -m mkdocs serve

test: $(STAMP) browser-tools
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow"

# Only the tests that drive Chromium (reader scenarios, accessibility); screenshots go to test-artifacts/screenshots/.
test-browser: $(STAMP) browser-tools
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
golden: $(STAMP)
	$(PY) -m pytest tests/test_render.py --update-golden

clean:
	rm -rf site .site.tmp .site.old docs/.generated.tmp docs/.generated.old
	rm -rf $(addprefix docs/,people organisations places outlets sources claims events figures discrepancies dates corrections data index.md robots.txt)
