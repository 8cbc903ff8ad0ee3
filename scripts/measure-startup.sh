#!/usr/bin/env bash
# Measures the default run: seconds until /actuator/health answers, then the resident memory of
# the JVM and of the embedded PostgreSQL (PSS summed over its processes) after 20 s idle.
#   ./mvnw -q package -DskipTests -Dbpmnlint.skip=true && scripts/measure-startup.sh
# Run it from an empty directory to measure a first start (the data lands in ./data).
set -euo pipefail
jar=$(ls "$(dirname "$0")"/../target/facteur-*.jar | head -1)
start=$(date +%s.%N)
java -jar "$jar" > facteur-measure.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
until curl -fs localhost:8080/actuator/health >/dev/null 2>&1; do
  kill -0 $pid 2>/dev/null || { echo "the application stopped: see facteur-measure.log"; exit 1; }
  sleep 0.2
done
end=$(date +%s.%N)
sleep 20
java_kb=$(ps -o rss= -p $pid)
pg_kb=$(for p in $(pgrep -x postgres); do awk '/^Pss:/ {print $2}' /proc/$p/smaps_rollup 2>/dev/null; done \
  | awk '{s+=$1} END {print s+0}')
printf 'healthy after %.1f s; RSS java %d MB; embedded PostgreSQL %d MB (PSS)\n' \
  "$(echo "$end - $start" | bc)" $((java_kb / 1024)) $((pg_kb / 1024))
