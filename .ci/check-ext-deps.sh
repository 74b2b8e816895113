#!/usr/bin/env bash
# Installs what `make check-ext` needs beyond the test dependencies:
# Lighthouse and pa11y from npm, run on Debian's Chromium (no browser
# download), and pdfcpu for strict PDF validation.
set -euo pipefail
cd "$(dirname "$0")/.."
./.ci/test-deps.sh
if [ ! -x .cache/ext/node_modules/.bin/lighthouse ] || [ ! -x .cache/ext/node_modules/.bin/pa11y ]; then
  echo "check-ext-deps: installing lighthouse and pa11y"
  mkdir -p .cache/ext
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund --prefix .cache/ext lighthouse@12 pa11y@9 >/dev/null
fi
if [ ! -x .cache/tools/pdfcpu ]; then
  echo "check-ext-deps: installing pdfcpu"
  GOBIN="$PWD/.cache/tools" go install github.com/pdfcpu/pdfcpu/cmd/pdfcpu@v0.15.0
fi
