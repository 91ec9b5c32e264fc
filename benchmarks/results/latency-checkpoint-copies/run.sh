#!/bin/bash
# The runs behind BENCHMARKS.md, "Checkpoints copy whole runner keys" (2026-12-05, night; a 2-core
# AMD EPYC VM, load 3-13 from the benchmark's own broker, producer, consumer and job). Run from the
# repository root after building the jar and /tmp/cp.txt (BENCHMARKS.md, "Reproduce").
#
# Before (the build of 4ad8b06: dedup ids as a map of strings, 128 runner keys per keyed stage):
#   before-128          the launcher's on-arrival defaults
#   no-dedup-128        --dedupHorizonSeconds=0 (deduplication off)
#   no-dedup-0          --dedupHorizonSeconds=0 --keyShards=0 (one runner key per IP, account, merchant)
#   old-dedup-0         --keyShards=0, deduplication on 128 runner keys
#   4ad8b06 refused --keyShards=0 in ParseEvents: these two ran it with a one-line change that
#   mapped 0 to 128 for deduplication, as ParseOptions now does. With deduplication off the code
#   path is this build's too, so no-dedup-0 is rerun below; old-dedup-0 needs that patched build.
# After (this build: SeenIds, and --keyShards=0 from the launcher when deciding on arrival):
#   after-1..3          the launcher's on-arrival defaults, 2,000 and 500/s
#   max-after           --findMax from 10,000/s
#   default-after       the default (watermark) mode; default-after-keyshards0 with --keyShards=0
set -e
OUT=${OUT:-benchmarks/results/latency-checkpoint-copies}
JAR=${JAR:-pipelines/target/pipelines-bundled.jar}
CP="benchmarks/target/classes:devstack/target/classes:transforms/target/classes:$(tr ':' '\n' </tmp/cp.txt | grep -v realtimepipelines | paste -sd:)"
run() {
  java -Dlatency.work=/tmp/latency-copies -cp "$CP" io.realtimepipelines.benchmarks.LatencyBenchmark \
    --jar="$JAR" --seconds=60 --warmup=60 "$@"
}
if [ -n "$BEFORE" ]; then  # JAR=<the 4ad8b06 jar> BEFORE=1 bash run.sh
  run --rates=2000 --variants=arrival --out=$OUT/before-128
  run --rates=2000 --variants=arrival --jobOpt=--dedupHorizonSeconds=0 --out=$OUT/no-dedup-128
  exit 0
fi
run --rates=2000 --variants=arrival --jobOpt=--dedupHorizonSeconds=0 --jobOpt=--keyShards=0 --out=$OUT/no-dedup-0
for round in 1 2 3; do
  run --rates=2000,500 --variants=arrival --out=$OUT/after-$round
done
run --rates=10000 --variants=arrival --findMax --maxStart=10000 --out=$OUT/max-after
run --rates=500,2000 --variants=default --out=$OUT/default-after
run --rates=500,2000 --variants=default --jobOpt=--keyShards=0 --out=$OUT/default-after-keyshards0
