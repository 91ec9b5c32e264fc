#!/bin/bash
# The runs behind BENCHMARKS.md, "Bundle ticks when deciding on arrival": the launcher's on-arrival
# defaults ("arrival") and the same with the earlier 10 ms bundles and 5 ms network buffers
# ("arrival10"), alternating, two rounds, 60 s measured after 60 s of warm-up at 500 and 2,000/s.
# Run from the repository root after building the jar and /tmp/cp.txt (BENCHMARKS.md, "Reproduce").
set -e
OUT=${OUT:-benchmarks/results/latency-arrival-ticks}
CP="benchmarks/target/classes:devstack/target/classes:transforms/target/classes:$(tr ':' '\n' </tmp/cp.txt | grep -v realtimepipelines | paste -sd:)"
for round in 1 2; do
  for v in arrival arrival10; do
    java -cp "$CP" io.realtimepipelines.benchmarks.LatencyBenchmark --jar=pipelines/target/pipelines-bundled.jar \
      --rates=500,2000 --seconds=60 --warmup=60 --variants=$v --out=$OUT/$v-$round
  done
done
