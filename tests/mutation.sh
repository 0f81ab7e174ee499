#!/usr/bin/env bash
# Mutation testing of one generator module with mutmut, against the fast tests that exercise it: each mutant
# (a small change to one rule) should make one of those tests fail. Results and what survives: tests/MUTATION.md.
# Usage: bash tests/mutation.sh generator/verify.py tests/test_check.py [more test files...]
#        RERUN='generator.verify.x_first_difference*' bash tests/mutation.sh ...   (again, for those mutants only)
#        KEEP=1 bash tests/mutation.sh ...   (keep mutants/ and its results: run only the mutants not tried yet)
# mutmut copies the project into mutants/ (git ignores it) and runs there; `.venv/bin/mutmut results` and
# `.venv/bin/mutmut show NAME` read it afterwards. A run without RERUN or KEEP starts from an empty mutants/.
set -euo pipefail
cd "$(dirname "$0")/.."
module=$1
shift
.venv/bin/python -m pip install --quiet --disable-pip-version-check mutmut==3.8.1
if [ -z "${RERUN:-}" ] && [ -z "${KEEP:-}" ]; then rm -rf mutants; fi
# mutmut reads its settings from setup.cfg (the project has none otherwise); written for this run only.
trap 'rm -f setup.cfg' EXIT
{
    echo "[mutmut]"
    echo "source_paths = generator"
    echo "only_mutate = $module"
    printf 'also_copy =\n'
    for path in facts docs schema overrides mkdocs.yml README.md Makefile requirements.txt requirements-dev.txt; do
        printf '    %s\n' "$path"
    done
    # The two fuzz-like tests take seconds each and check only that nothing raises: left out, so that a
    # mutant costs the time of the tests that look at messages and pages.
    printf 'pytest_add_cli_args =\n    -m\n    not slow\n    -p\n    no:cacheprovider\n'
    printf '    --deselect\n    tests/test_check.py::test_no_mangled_fact_file_raises\n'
    printf '    --deselect\n    tests/test_hostile.py::test_what_no_fact_file_may_hold_is_refused[values nested beyond reason]\n'
    printf 'pytest_add_cli_args_test_selection =\n'
    printf '    %s\n' "$@"
    # A mutant that loops forever is stopped after 4 × (5 s + its tests' usual time) (mutmut's default: 15 × (1 s + ...));
    # shorter limits count slow mutants on a busy machine as timeouts.
    printf 'timeout_multiplier = 4.0\ntimeout_constant = 5.0\n'
} > setup.cfg
# shellcheck disable=SC2086  # RERUN holds mutant names or globs, split on spaces
.venv/bin/mutmut run --max-children 2 ${RERUN:-}
