#!/usr/bin/env bash
# Install what tests/browser/ needs besides the Python packages of requirements-dev.txt:
# Debian's Chromium (the browser Playwright drives; `playwright install` cannot download one here),
# a Java runtime for the Nu Html Checker, and axe-core + vnu-jar from npm at the versions of package-lock.json.
# Idempotent and quick when everything is there; `make test` runs it before pytest.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    echo "install-tools: installing ${missing[*]} with apt-get" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci writes node_modules/.package-lock.json; reinstall when it is missing or older than the lock file.
stamp=$here/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ "$here/package-lock.json" -nt "$stamp" ]; then
    # --ignore-scripts: vnu-jar's postinstall only fetches a Java we do not use (vnu.jar ships in the package).
    (cd "$here" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
fi
