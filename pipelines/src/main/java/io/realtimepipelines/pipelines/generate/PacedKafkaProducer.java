package io.realtimepipelines.pipelines.generate;

import io.realtimepipelines.model.EventType;
import io.realtimepipelines.pipelines.generator.EventGenerator;
import io.realtimepipelines.pipelines.generator.EventGenerators;
import io.realtimepipelines.pipelines.generator.GeneratedEvent;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.pipelines.kafka.EventTimes;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends generated events to a Kafka topic in index order (so each partition is in event-time
 * order), at a fixed rate in real time when one is given: event n is due at start + n / rate and
 * carries that moment as its event time, so a live job sees a live stream. A pipeline cannot do
 * either (the Direct runner hands a rate-limited read downstream in bursts, and writes bundles in
 * any order), so {@code generate --sink=KAFKA} runs this instead.
 */
final class PacedKafkaProducer {
  private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);

  private PacedKafkaProducer() {}

  /**
   * Sends {@code count} events (0: until killed) of {@code type}, {@code ratePerSecond} a second
   * (0: as fast as the broker takes them); returns the exit code.
   */
  static int run(
      EventType type,
      GeneratorConfig config,
      long count,
      long ratePerSecond,
      String servers,
      String topic,
      Map<String, Object> clientConfig,
      String keyField,
      PrintStream out) {
    EventGenerator gen = EventGenerators.create(type, config);
    Map<String, Object> props = new HashMap<>(clientConfig);
    props.put("bootstrap.servers", servers);
    props.putIfAbsent("acks", "all");
    props.putIfAbsent("enable.idempotence", "true");
    props.putIfAbsent("linger.ms", "5");
    AtomicLong acked = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long nextProgress = start + PROGRESS_NANOS;
    out.printf(
        Locale.ROOT,
        "generate: %s events to topic %s on %s at %s%s%n",
        type.wireName(),
        topic,
        servers,
        ratePerSecond > 0 ? String.format(Locale.ROOT, "%,d/s", ratePerSecond) : "full speed",
        count > 0 ? ", " + count + " in all" : ", until stopped");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long n = 0; count == 0 || n < count; n++) {
        if (ratePerSecond > 0) {
          long due = start + (long) (n * 1e9 / ratePerSecond);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        GeneratedEvent e = gen.generate(n);
        byte[] payload = e.payload();
        String key = EventTimes.stringField(payload, keyField);
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                e.eventTimeMillis(),
                (key != null ? key : e.sourcePosition()).getBytes(StandardCharsets.UTF_8),
                payload),
            (meta, error) -> (error == null ? acked : failed).incrementAndGet());
        long now = System.nanoTime();
        if (now >= nextProgress) {
          // Acknowledged counts only grow: the line never counts backwards.
          out.printf(
              Locale.ROOT,
              "[generate %5.0fs] sent %,d  acknowledged %,d  failed %,d%n",
              (now - start) / 1e9,
              n + 1,
              acked.get(),
              failed.get());
          nextProgress += PROGRESS_NANOS;
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        Locale.ROOT,
        "generate DONE in %.1f s: acknowledged %,d (%,.0f/s), failed %,d%n",
        seconds,
        acked.get(),
        acked.get() / Math.max(seconds, 1e-3),
        failed.get());
    return failed.get() == 0 ? 0 : 1;
  }
}
