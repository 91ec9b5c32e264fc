package io.realtimepipelines.pipelines.redis;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

/**
 * Looks elements up in Redis in batches: elements of a bundle are buffered, each full batch is
 * resolved in one pipelined round trip as soon as it is complete, and every element is emitted at
 * the end of the bundle (with its own timestamp and window) together with what was found. An
 * element is emitted only once its lookup succeeded; when Redis stays unavailable the bundle fails,
 * and the runner fails the job or retries the bundle.
 */
abstract class BatchedLookupFn<I, O> extends DoFn<I, O> {
  private final RedisConnectionConfig config;
  private final int batchSize;
  protected transient RedisClient redis;
  private transient List<Pending<I, O>> pending;
  private transient int resolved;

  private static final class Pending<I, O> {
    final I input;
    final Instant timestamp;
    final BoundedWindow window;
    O output;

    Pending(I input, Instant timestamp, BoundedWindow window) {
      this.input = input;
      this.timestamp = timestamp;
      this.window = window;
    }
  }

  BatchedLookupFn(RedisConnectionConfig config, int batchSize) {
    this.config = config;
    this.batchSize = batchSize;
  }

  /** Outputs for {@code inputs}, in the same order; at most one Redis round trip. */
  abstract List<O> lookup(List<I> inputs);

  /** Creates the caches; called in {@code @Setup}. */
  abstract void setUpCaches();

  @Setup
  public void setUp() {
    redis = RedisClient.open(config);
    setUpCaches();
  }

  @StartBundle
  public void startBundle() {
    pending = new ArrayList<>();
    resolved = 0;
  }

  @ProcessElement
  public void process(@Element I element, @Timestamp Instant timestamp, BoundedWindow window) {
    pending.add(new Pending<>(element, timestamp, window));
    if (pending.size() - resolved >= batchSize) {
      resolvePending();
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    resolvePending();
    for (Pending<I, O> p : pending) {
      context.output(p.output, p.timestamp, p.window);
    }
    pending.clear();
    resolved = 0;
  }

  private void resolvePending() {
    if (resolved == pending.size()) {
      return;
    }
    List<Pending<I, O>> batch = pending.subList(resolved, pending.size());
    List<I> inputs = new ArrayList<>(batch.size());
    batch.forEach(p -> inputs.add(p.input));
    List<O> outputs = lookup(inputs);
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).output = outputs.get(i);
    }
    resolved = pending.size();
  }

  @Teardown
  public void tearDown() {
    if (redis != null) {
      redis.close();
    }
  }
}
