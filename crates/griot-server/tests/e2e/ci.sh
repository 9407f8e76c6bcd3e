#!/usr/bin/env bash
# CI step for the browser and fuzz tests of `griot serve` (called by .ci/run from the
# repository root): installs Debian's Chromium when missing, playwright-core from npm into a
# temporary folder (no browser download: it drives /usr/bin/chromium) and schemathesis from
# PyPI into a temporary virtual environment, builds griot, runs run.sh (browser) and fuzz.sh
# (OpenAPI-driven fuzzing). Screenshots are kept in ${CARGO_TARGET_DIR:-target}/e2e-screenshots.
set -euo pipefail
PLAYWRIGHT_VERSION=1.65.1
SCHEMATHESIS_VERSION=4.32.5
if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: installing Debian's chromium"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "e2e: chromium is missing and neither root nor sudo is available to install it" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  [ -x /usr/bin/chromium ] || { echo "e2e: apt-get did not install /usr/bin/chromium" >&2; exit 1; }
fi
command -v node >/dev/null && command -v npm >/dev/null || { echo "e2e: node and npm are needed (Debian: apt-get install nodejs npm)" >&2; exit 1; }
modules=$(mktemp -d)
trap 'rm -rf "$modules"' EXIT
(cd "$modules" && npm install --silent --no-audit --no-fund --no-save "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null)
cargo build -q -p griot-cli
target=${CARGO_TARGET_DIR:-target}
shots="$target/e2e-screenshots"
rm -rf "$shots"
bash crates/griot-server/tests/e2e/run.sh "$target/debug/griot" "$modules/node_modules" "$shots"
python3 -m venv "$modules/venv"
"$modules/venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
bash crates/griot-server/tests/e2e/fuzz.sh "$target/debug/griot" "$modules/venv/bin/schemathesis"
