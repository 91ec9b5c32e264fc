package io.realtimepipelines.pipelines.fraud;

import io.realtimepipelines.fraud.Decision;
import io.realtimepipelines.fraud.FraudModel;
import io.realtimepipelines.fraud.FraudRules;
import io.realtimepipelines.fraud.Reason;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.pipelines.generator.EventGenerator;
import io.realtimepipelines.pipelines.generator.EventGenerators;
import io.realtimepipelines.pipelines.generator.GeneratorConfig;
import io.realtimepipelines.validation.RecordDecoder;
import io.realtimepipelines.validation.ValidationException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Not a test: times the reference model ({@link FraudModel}, the rules alone, no parsing) over
 * generated transactions ({@code generate --seed=42}) with the shipped rules, and prints events/s
 * (median of the rounds, wall clock and per CPU second of the scoring thread) plus a digest of
 * every decision, so that two builds can be compared for both speed and identical output. Run from
 * the repository root with the pipelines test classpath: {@code java -cp <cp>
 * io.realtimepipelines.pipelines.fraud.FraudModelTiming 200000 5}.
 */
public final class FraudModelTiming {
  private FraudModelTiming() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    EventGenerator gen = EventGenerators.create(EventType.TRANSACTION, GeneratorConfig.defaults());
    RecordDecoder<Transaction> decoder =
        new RecordDecoder<>(EventType.TRANSACTION, 1 << 20, Duration.standardDays(3650));
    Instant now = new Instant(Long.MAX_VALUE / 4);
    List<Transaction> txns = new ArrayList<>(count);
    for (long i = 0; i < count; i++) {
      try {
        txns.add(decoder.decode(gen.generate(i).payload(), now));
      } catch (ValidationException e) {
        // the generator's bad rate is 0 by default; a rejected line is simply not timed
      }
    }
    FraudRules rules = FraudRules.defaults();
    List<Decision> decisions = FraudModel.decide(txns, List.of(), rules); // warm-up
    double[] rates = new double[rounds];
    double[] cpuRates = new double[rounds];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      decisions = FraudModel.decide(txns, List.of(), rules);
      cpuRates[r] = txns.size() / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
      rates[r] = txns.size() / ((System.nanoTime() - start) / 1e9);
    }
    Arrays.sort(rates);
    Arrays.sort(cpuRates);
    Map<String, Integer> actions = new TreeMap<>();
    Map<String, Integer> fired = new TreeMap<>();
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (Decision d : decisions) {
      actions.merge(d.getAction().name(), 1, Integer::sum);
      digest.update((d.getTxnId() + d.getAction() + d.getScore()).getBytes());
      for (Reason reason : d.getReasons()) {
        fired.merge(reason.getRuleId(), 1, Integer::sum);
        digest.update(
            (reason.getRuleId() + reason.getContribution() + reason.getShadow() + reason.getText())
                .getBytes());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "FraudModel: %,d transactions, %d rounds: median %,.0f events/s"
            + " (min %,.0f, max %,.0f)%n",
        txns.size(),
        rounds,
        rates[rounds / 2],
        rates[0],
        rates[rounds - 1]);
    System.out.printf(
        Locale.ROOT,
        "per CPU second of the scoring thread (less sensitive to a loaded"
            + " machine): median %,.0f events/s%n",
        cpuRates[rounds / 2]);
    System.out.println("actions " + actions + "; reasons " + fired);
    System.out.println("decisions sha256 " + HexFormat.of().formatHex(digest.digest()));
  }
}
