#!/bin/bash
# The runs behind BENCHMARKS.md, "On a quiet machine": the launcher's on-arrival defaults three
# times at 500 and 2,000/s (60 s measured after 60 s of warm-up), the sustainable rate on arrival
# (--findMax from 8,000/s), and the default (watermark) mode once. The job's GC log goes to
# /tmp/gc-arrival-N.log. Run from the repository root after building the jar and /tmp/cp.txt
# (BENCHMARKS.md, "Reproduce"), on a machine with nothing else running.
set -e
OUT=${OUT:-benchmarks/results/latency-quiet-machine}
CP="benchmarks/target/classes:devstack/target/classes:transforms/target/classes:$(tr ':' '\n' </tmp/cp.txt | grep -v realtimepipelines | paste -sd:)"
# run JOB_JVM_FLAGS BENCHMARK_ARGS...
run() {
  local jvm=$1; shift
  java -Dlatency.work=/tmp/latency-quiet -Dlatency.jobJvm="$jvm" -cp "$CP" io.realtimepipelines.benchmarks.LatencyBenchmark \
    --jar=pipelines/target/pipelines-bundled.jar --seconds=60 --warmup=60 "$@"
}
for round in 1 2 3; do
  run "-Xlog:gc:file=/tmp/gc-arrival-$round.log:uptime" --rates=500,2000 --variants=arrival --out=$OUT/arrival-$round
done
run "" --rates=8000 --variants=arrival --findMax --maxStart=8000 --out=$OUT/max-arrival
run "" --rates=500,2000 --variants=default --out=$OUT/default-1
# Later the same evening: an idle third input partition, both modes at 500/s; the default mode's
# sustainable rate; on arrival without checkpoints in the job's life (2,000/s).
for idle in 0 1; do
  run "" --rates=500 --variants=arrival,default --idlePartitions=$idle --out=$OUT/idle-partitions-$idle
done
run "" --rates=2000 --variants=default --findMax --maxStart=2000 --out=$OUT/max-default
run "" --rates=2000 --variants=arrival --jobOpt=--checkpointingInterval=600000 --out=$OUT/checkpoints-600000
# rocksdb-incremental/ (tried, not kept) needs org.apache.flink:flink-statebackend-rocksdb in the
# bundled jar and org.rocksdb:rocksdbjni excluded from spark-core, then:
#   run "" --rates=500,2000 --variants=arrival --jobOpt=--stateBackend=rocksdb \
#     '--jobOpt=@flinkconf:state.backend.incremental: true' --out=$OUT/rocksdb-incremental
