#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages, from Debian's packages:
#   chromium        real headless browser for the e2e tests (driven by playwright-core)
#   libxml2-utils   xmllint, to validate GEXF against the official RELAX NG schema
#   Java 17 + Maven the in-process Neo4j 5.26 (+ GDS) launcher under test/neo4j, and javac for the
#                   Gephi check of the export tests
#   python3-venv    the virtual environment of networkx and igraph for the export tests
# then the programs the export tests open files with (test/export-programs/install.sh: the Gephi
# Toolkit from Maven Central, networkx and igraph from PyPI, VOSviewer Online's reader from npm).
# Runs as `npm test`'s pretest step. Installs only what is missing and only as root (CI, our
# machines); elsewhere it says what is missing and the tests that need it skip with a reason
# (with CI=true nothing may skip, so they fail instead).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v python3 >/dev/null 2>&1 && python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)

export_programs() {
  bash "$(dirname "${BASH_SOURCE[0]}")/../export-programs/install.sh" ||
    echo "install-test-deps: some export-test programs could not be installed; their tests will say they skipped (CI=true: fail)" >&2
}

if [ ${#missing[@]} -eq 0 ]; then
  export_programs
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
export_programs
