#!/usr/bin/env bash
# `npm test`: installs what the tests need, then runs every check and test.
# - npm packages (npm ci) when node_modules is missing or older than the lockfile
# - a Chromium: CHROMIUM_PATH if set, else Debian's `chromium` package (installed if missing)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund
fi

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
	echo "Installing Debian's chromium for the end-to-end tests…"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq chromium
fi

npm run check
npm run lint
npm run test:unit
# The end-to-end tests run the local sandbox flavour (build/); the shipped flavour is built apart
# and checked for sandbox connectors, credentials and http://localhost.
npm run build:sandbox
npm run size
npm run check:shipped
# The two browser suites share the build but no port: the provider suite (vendor replicas) runs
# beside the end-to-end suite, its output kept apart and shown when it ends.
npm run test:providers >test-results-providers.log 2>&1 &
providers=$!
e2e_status=0
npm run test:e2e || e2e_status=$?
providers_status=0
wait "$providers" || providers_status=$?
echo "── provider suite (npm run test:providers) ──"
cat test-results-providers.log
[ "$e2e_status" -eq 0 ] && [ "$providers_status" -eq 0 ]
