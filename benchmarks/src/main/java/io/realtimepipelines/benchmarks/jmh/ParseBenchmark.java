package io.realtimepipelines.benchmarks.jmh;

import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.validation.ParseEvents;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.joda.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding and validating one record with the decoder {@code ParseEvents} runs per element: bytes
 * to UTF-8, JSON tree, field contract, event object. Lines as the generator writes them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBenchmark {
  private final RecordDecoder<Transaction> transactions =
      new RecordDecoder<>(
          EventType.TRANSACTION,
          ParseEvents.DEFAULT_MAX_PAYLOAD_BYTES,
          ParseEvents.DEFAULT_MAX_FUTURE_SKEW);
  private final RecordDecoder<ClickEvent> clicks =
      new RecordDecoder<>(
          EventType.CLICK,
          ParseEvents.DEFAULT_MAX_PAYLOAD_BYTES,
          ParseEvents.DEFAULT_MAX_FUTURE_SKEW);
  private final Instant now = Instant.parse("2026-11-23T12:00:00Z");
  private final byte[] transaction =
      ("{\"txnId\":\"txn-42-6666\",\"accountId\":\"acct-42598\",\"cardId\":\"card-42598-1\","
              + "\"amount\":2.26,\"currency\":\"USD\",\"merchantId\":\"m-111\",\"merchantCategory\":\"5912\","
              + "\"ip\":\"71.247.230.4\",\"deviceId\":\"dev-42598-1\",\"country\":\"US\",\"lat\":41.9760,"
              + "\"lon\":-87.6288,\"timestamp\":\"2026-11-23T00:01:33.945Z\"}")
          .getBytes(StandardCharsets.UTF_8);
  private final byte[] click =
      ("{\"eventId\":\"ev-0006\",\"sessionId\":\"sess-01\",\"userId\":\"user-01\",\"productId\":"
              + "\"prod-000\",\"category\":\"appliances.kitchen\",\"action\":\"purchase\",\"price\":19.99,"
              + "\"quantity\":1,\"timestamp\":\"2026-11-23T10:02:00.000Z\"}")
          .getBytes(StandardCharsets.UTF_8);
  private final byte[] malformed =
      "{\"txnId\":\"bad-1\",\"accountId\":\"acct-1\",\"amount\":12.5,"
          .getBytes(StandardCharsets.UTF_8);

  @Benchmark
  public Transaction parseTransaction() throws ValidationException {
    return transactions.decode(transaction, now);
  }

  @Benchmark
  public ClickEvent parseClick() throws ValidationException {
    return clicks.decode(click, now);
  }

  /** A truncated record: the dead-letter path up to the exception. */
  @Benchmark
  public Object parseMalformedTransaction() {
    try {
      return transactions.decode(malformed, now);
    } catch (ValidationException e) {
      return e;
    }
  }
}
