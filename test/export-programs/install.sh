#!/usr/bin/env bash
# Installs the programs the export tests open citegraph's files with (test/export/programs.test.ts),
# each from its own registry, into one cache folder outside the work tree:
#   gephi/     the Gephi Toolkit 0.10.1 jar (Gephi's own engine, Maven Central, classifier "all",
#              fetched alone: one of its transitive dependencies is not on Maven Central) and
#              GexfCheck.java compiled against it
#   venv/      networkx and igraph from PyPI (requirements.txt)
#   vosviewer/ VOSviewer Online's file reader: the worker script inside the vosviewer-online npm
#              package (the one VOSviewer Online runs on a JSON file before it draws anything)
# Folder: $CITEGRAPH_EXPORT_PROGRAMS, default ~/.cache/citegraph/export-programs. Each part is
# skipped when it is already there; a part whose tool (java/javac/mvn, python3, npm) is missing is
# reported and skipped, and the tests that need it say they skipped (with CI=true they fail).
# Exit code: 0 when every part is in place, 1 otherwise.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${CITEGRAPH_EXPORT_PROGRAMS:-$HOME/.cache/citegraph/export-programs}"
gephi_version=0.10.1
vosviewer_version=1.2.2
say() { echo "export-programs: $*" >&2; }
if ! mkdir -p "$cache" 2>/dev/null; then
  say "cannot create $cache (set CITEGRAPH_EXPORT_PROGRAMS to a writable folder) for the Gephi, python and npm parts"
  exit 1
fi
status=0
have() { command -v "$1" >/dev/null 2>&1; }

# Gephi Toolkit + the GEXF check.
jar="$cache/gephi/gephi-toolkit-$gephi_version-all.jar"
if ! have java || ! have javac || ! have mvn; then
  say "java, javac and mvn are needed for the Gephi check; skipped"
  status=1
else
  if [[ ! -s "$jar" ]]; then
    say "fetching org.gephi:gephi-toolkit:$gephi_version:jar:all from Maven Central"
    mkdir -p "$cache/gephi"
    if ! mvn -q -B dependency:copy -Dartifact="org.gephi:gephi-toolkit:$gephi_version:jar:all" \
      -Dtransitive=false -DoutputDirectory="$cache/gephi" >&2; then
      say "could not fetch the Gephi Toolkit"
      status=1
    fi
  fi
  class="$cache/gephi/classes/GexfCheck.class"
  if [[ -s "$jar" && ( ! -f "$class" || "$here/GexfCheck.java" -nt "$class" ) ]]; then
    say "compiling GexfCheck.java against the Gephi Toolkit"
    mkdir -p "$cache/gephi/classes"
    javac -nowarn -cp "$jar" -d "$cache/gephi/classes" "$here/GexfCheck.java" >&2 || status=1
  fi
  [[ -f "$class" ]] || status=1
fi

# networkx and igraph.
venv="$cache/venv"
stamp="$venv/.citegraph-requirements"
if ! have python3; then
  say "python3 is needed for the networkx and igraph checks; skipped"
  status=1
elif ! cmp -s "$here/requirements.txt" "$stamp"; then
  say "installing networkx and igraph from PyPI into $venv"
  rm -rf "$venv"
  if python3 -m venv "$venv" >&2 && "$venv/bin/pip" install -q --disable-pip-version-check \
    -r "$here/requirements.txt" >&2; then
    cp "$here/requirements.txt" "$stamp"
  else
    say "could not set up the Python environment (python3-venv installed?)"
    rm -rf "$venv"
    status=1
  fi
fi

# VOSviewer Online's reader.
worker="$cache/vosviewer/worker-$vosviewer_version.js"
if ! have npm || ! have node; then
  say "npm and node are needed for the VOSviewer check; skipped"
  status=1
elif [[ ! -s "$worker" ]]; then
  say "fetching vosviewer-online@$vosviewer_version from the npm registry"
  work="$(mktemp -d)"
  if (cd "$work" && npm pack --silent "vosviewer-online@$vosviewer_version" >/dev/null) &&
    tar -xzf "$work"/vosviewer-online-*.tgz -C "$work" package/index.js.map; then
    mkdir -p "$cache/vosviewer"
    # The package's source map carries the worker module as webpack built it: a script that makes
    # the Web Worker from the reader's bundled source (src/workers/worker.js).
    node -e '
      const fs = require("node:fs");
      const map = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const i = map.sources.findIndex((s) => s.endsWith("/src/workers/worker.js"));
      if (i < 0 || !map.sourcesContent[i]) throw new Error("worker module not in the source map");
      fs.writeFileSync(process.argv[2], map.sourcesContent[i]);
    ' "$work/package/index.js.map" "$worker" || {
      say "could not take VOSviewer Online's reader out of the vosviewer-online package"
      status=1
    }
  else
    say "could not fetch vosviewer-online"
    status=1
  fi
  rm -rf "$work"
fi

exit $status
