#!/usr/bin/env bash
# The whole CI job, several times in a row, each time in a fresh clone of this repository, while two busy
# loops keep both cores loaded: a test that passes only on an idle machine fails here.
# Usage: bash tests/stress.sh [RUNS]   (5 by default; clones into $STRESS_DIR, /tmp/fresh-flaky by default)
# Stops at the first failing run; each run's output is kept in $STRESS_DIR/run-N.log.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
work=${STRESS_DIR:-/tmp/fresh-flaky}

yes > /dev/null & load1=$!
yes > /dev/null & load2=$!
trap 'kill "$load1" "$load2"' EXIT
echo "stress: busy loops $load1 and $load2; $runs runs of .ci/run in fresh clones under $work" >&2

mkdir -p "$work"
for run in $(seq "$runs"); do
    rm -rf "$work/repo" "$work/shared"
    git clone -q "$repo" "$work/repo"
    # CI has a copy of shared/ beside the clone.
    if [ -d "$repo/../shared" ]; then ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"; fi
    start=$SECONDS
    if (cd "$work/repo" && CI=true bash .ci/run) > "$work/run-$run.log" 2>&1 < /dev/null; then
        echo "run $run: passed in $((SECONDS - start)) s: $(grep -E '^=+ .* in [0-9.]+s' "$work/run-$run.log" | tail -n 1)"
    else
        echo "run $run: FAILED after $((SECONDS - start)) s; see $work/run-$run.log"
        grep -E '^(FAILED|ERROR) ' "$work/run-$run.log" || tail -n 20 "$work/run-$run.log"
        exit 1
    fi
done
