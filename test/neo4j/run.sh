#!/usr/bin/env bash
# Starts a real Neo4j 5.26 with GDS in the foreground for development and tests (`npm run neo4j`).
# Builds the launcher first when its sources are newer than the last build. Needs java 17+ and mvn.
# Environment: NEO4J_PORT (default: a free port), NEO4J_PASSWORD (default: citegraph-test).
# Extra arguments are passed to the launcher (e.g. --watch-stdin: stop when stdin closes).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/target"
stamp="$target/classpath.txt"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "neo4j launcher: '$tool' not found on PATH (needs Java 17+ and Maven)" >&2
    exit 127
  fi
done

if [[ ! -f "$stamp" || "$here/pom.xml" -nt "$stamp" || -n "$(find "$here/src" -newer "$stamp" -type f 2>/dev/null)" ]]; then
  echo "neo4j launcher: building (first build downloads Neo4j and GDS into ~/.m2)..." >&2
  mvn -q -B -f "$here/pom.xml" package -DskipTests >&2
fi

# A 2 GB heap with the parallel collector: a push's write transactions fill the young generation
# quickly, and with a 1 GB serial heap a third of the server's time went to collecting it.
exec java -Xms2g -Xmx2g -XX:+UseParallelGC -cp "$target/classes:$(cat "$stamp")" citegraph.Neo4jLauncher "$@"
