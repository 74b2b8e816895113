#!/usr/bin/env bash
# Installs what the tests need when it is missing: Chromium (pages),
# poppler-utils and qpdf (PDF checks), axe-core (accessibility, from npm),
# and mailpit (its email checks, built with go install).
# Debian packages need root (CI runs as root) or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need_apt+=(qpdf)
[ -d /usr/share/fonts/truetype/dejavu ] || need_apt+=(fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "test-deps: installing ${need_apt[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

axe=.cache/npm/node_modules/axe-core/axe.min.js
if [ ! -f "$axe" ]; then
  command -v npm >/dev/null 2>&1 || { echo "test-deps: npm is needed to install axe-core" >&2; exit 1; }
  echo "test-deps: installing axe-core"
  mkdir -p .cache/npm
  npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@4 >/dev/null
fi

# Go tools the tests run, pinned, built from the Go module proxy.
install_go_tool() { # name module@version
  if [ ! -x ".cache/tools/$1" ]; then
    echo "test-deps: installing $1"
    GOBIN="$PWD/.cache/tools" go install "$2"
  fi
}
install_go_tool mailpit github.com/axllent/mailpit@v1.27.11
