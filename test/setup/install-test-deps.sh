#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, from Debian's packages:
#   chromium        real headless browser for the e2e tests (driven by playwright-core)
#   libxml2-utils   xmllint, to validate GEXF against the official RELAX NG schema
#   Java 17 + Maven the in-process Neo4j 5.26 (+ GDS) launcher under test/neo4j
# Runs as `npm test`'s pretest step. Installs only what is missing and only as root (CI, our
# machines); elsewhere it says what is missing and the tests that need it skip with a reason
# (with CI=true nothing may skip, so they fail instead).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: installing ${missing[*]} (Debian packages)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-test-deps: missing ${missing[*]}; the tests that need them will say they skipped (install with: sudo apt-get install ${missing[*]})" >&2
fi
