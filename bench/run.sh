#!/usr/bin/env bash
# The relay benchmark (spec 08 §1): builds Parley, then measures the latency it adds per audio frame
# against direct connections to the same fake upstream, at several conversation counts.
#   bench/run.sh [steps, default 1,50,100,200,300,400] [measured seconds per phase, default 8]
# Server JVM options for profiling: BENCH_JAVA_OPTS='-Dbench.serverJvmArgs=-XX:StartFlightRecording=filename=target/bench.jfr'.
# Transcripts: the fake upstream speaks transcript deltas beside the audio; BENCH_JAVA_OPTS='-Dbench.transcripts=false' turns them off.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME=$(.ci/java-home)
export JAVA_HOME
./mvnw -q -B -DskipTests package
rm -rf target/bench-classes
"$JAVA_HOME/bin/javac" --release 21 -d target/bench-classes $(find bench/src -name '*.java')
exec "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -cp target/bench-classes dev.parley.bench.BenchMain \
  target/parley-server-0.1.0.jar "${1:-1,50,100,200,300,400}" "${2:-8}"
