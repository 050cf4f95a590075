#!/usr/bin/env bash
# The relay benchmark (issue 12, spec 08 §1). Builds Parley (which also compiles bench/), installs the two
# peers from the npm registry at their pinned versions (once), then runs the load generator pinned to one core
# while every server under test is pinned to the other. Prints a table per step, the targets, one JSON line.
#   bench/run.sh                                   # the default run, about 5 minutes
#   bench/run.sh --steps=1,100 --window=2          # any option of bench/src/dev/parley/bench/Options.java
# Environment: BENCH_STORE=memory|sqlite|postgres (postgres needs BENCH_PG_URL, a JDBC URL), BENCH_TRANSCRIPTS=1,
# BENCH_SKIP_BUILD=1 (reuse target/), BENCH_GENERATOR_CPU (default 0; the servers use --server-cpu, default 1),
# BENCH_JAVA_OPTS (generator JVM), e.g. '-Dbench.serverJvmArgs=-XX:StartFlightRecording=filename=target/bench.jfr'.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(.ci/java-home)
export JAVA_HOME
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B -DskipTests package
fi
if command -v npm >/dev/null 2>&1; then
  [ -d bench/node-relay/node_modules/ws ] || npm ci --prefix bench/node-relay --no-audit --no-fund --loglevel=error \
    || echo "bench: npm ci for the Node relay failed; that peer will be skipped" >&2
  [ -x bench/codex/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex ] \
    || npm ci --prefix bench/codex --no-audit --no-fund --loglevel=error \
    || echo "bench: npm ci for the Codex app-server failed; that peer will be skipped" >&2
else
  echo "bench: npm not found; the Node relay and Codex peers will be skipped" >&2
fi
pin=()
extra=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  pin=(taskset -c "${BENCH_GENERATOR_CPU:-0}")
else
  echo "bench: fewer than 2 CPUs or no taskset: nothing pinned, numbers are not comparable" >&2
  extra=(--server-cpu=none)
fi
# shellcheck disable=SC2086
exec "${pin[@]}" "$JAVA_HOME/bin/java" -Xms512m -Xmx512m -XX:+UseSerialGC \
  -Xlog:gc:file=target/bench-generator-gc.log ${BENCH_JAVA_OPTS:-} \
  -cp target/test-classes dev.parley.bench.BenchMain "${extra[@]}" "$@"
