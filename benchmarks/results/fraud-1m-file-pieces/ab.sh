#!/bin/bash
# Two builds of fraud on the same 1M-transaction file at the same time, three rounds, so that both
# see the same machine: CPU (user + sys) and wall time per run in /tmp/ab/<name>.time.
#   NEW_JAR: this build, with NEW_OPTS (e.g. --numShards=0 for one output file per writer);
#   OLD_JAR: the build before it, with --numShards=1.
#   IN: the harness's input (scripts/benchmark --events=1000000 writes it).
IN=${IN:-benchmarks/target/bench/inputs/transaction-1000000-seed42.jsonl}
NEW_JAR=${NEW_JAR:?the new bundled jar}
OLD_JAR=${OLD_JAR:?the old bundled jar}
run() { # name jar extra-options
  rm -rf /tmp/ab/$1 /tmp/ab/tmp-$1; mkdir -p /tmp/ab/tmp-$1
  /usr/bin/time -f "$1 %e s wall %U user %S sys" -o /tmp/ab/$1.time \
    java -Xmx4g -Djava.io.tmpdir=/tmp/ab/tmp-$1 -jar "$2" fraud --runner=FlinkRunner --parallelism=2 \
    --source=FILE --input="$IN" --outputDir=/tmp/ab/$1 --topAlerts=0 $3 > /tmp/ab/$1.log 2>&1
}
mkdir -p /tmp/ab
for i in 1 2 3; do
  run new-$i "$NEW_JAR" "${NEW_OPTS:-}" &
  run old-$i "$OLD_JAR" "--numShards=1" &
  wait
  cat /tmp/ab/new-$i.time /tmp/ab/old-$i.time
done
