package io.realtimepipelines.tools.redrive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.realtimepipelines.pipelines.kafka.KafkaClientConfig;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolInput;
import io.realtimepipelines.tools.ToolInput.InputFile;
import io.realtimepipelines.tools.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sends the raw payloads of dead letters back to a job's input once their cause is fixed, so that a
 * bad deploy's rejects are not lost work: reads dead letters from files (JSON Lines, a folder or
 * glob) or a topic, keeps those with the given error codes and stages, and writes each payload
 * (Base64 decoded when it was not UTF-8) to an input topic or a JSON Lines file. Dead letters whose
 * payload was cut (over 64 KiB) cannot be re-driven and are counted as such.
 *
 * <pre>
 * ./rtp redrive --from=output/fraud/dead-letters --code=INVALID_VALUE --toFile=/tmp/retry.jsonl
 * ./rtp redrive --fromTopic=fraud.dead-letters --stage=ParseTransaction --toTopic=transactions
 * </pre>
 */
public final class Redrive {
  private static final ObjectReader LETTER = new ObjectMapper().readerFor(Letter.class);

  /**
   * What redrive reads of a dead letter (DeadLetters' JSON); the rest (message, positions, hashes)
   * is skipped unread. A line that does not bind, JSON that is not an object included, is
   * unreadable; a missing errorCode or payload reads as "".
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Letter(
      String errorCode,
      String stage,
      boolean payloadTruncated,
      String payload,
      String payloadEncoding) {}

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private Redrive() {}

  /** {@code rtp redrive}: dead letters in, their raw payloads out. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code redrive}. */
  @Command(
      name = "redrive",
      description =
          "send dead letters' raw payloads (by error code or stage) back to an input topic or file",
      footer = {
        "",
        "Give one of --from and --fromTopic, and one of --toFile and --toTopic.",
        "Exit codes: 0 done, 1 reading or writing failed, 2 wrong command line."
      })
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--from",
        paramLabel = "<path>",
        description = "dead letters as JSON Lines: a file, a folder or a glob")
    String from;

    @Option(names = "--fromTopic", paramLabel = "<topic>", description = "a dead-letter topic")
    String fromTopic;

    @Option(
        names = "--code",
        paramLabel = "<A,B>",
        split = ",",
        description = "only these error codes (default: all)")
    Set<String> codes = Set.of();

    @Option(
        names = "--stage",
        paramLabel = "<stage>",
        description = "only dead letters of this stage, e.g. ParseTransaction (default: all)")
    String stage;

    @Option(names = "--toFile", paramLabel = "<file.jsonl>", description = "where the payloads go")
    Path toFile;

    @Option(
        names = "--toTopic",
        paramLabel = "<topic>",
        description = "the input topic the payloads go to")
    String toTopic;

    @Option(
        names = "--bootstrapServers",
        paramLabel = "<host:port>",
        defaultValue = "127.0.0.1:9092",
        description = "Kafka brokers (default ${DEFAULT-VALUE})")
    String servers;

    @Option(
        names = "--kafkaProperties",
        paramLabel = "<file>",
        description = "Kafka client properties (security, timeouts)")
    String kafkaProperties;

    @Override
    protected int execute() throws IOException {
      if ((from == null) == (fromTopic == null)) {
        throw new IllegalArgumentException(
            "give one of --from=<dead-letter files> or --fromTopic=<topic>");
      }
      if ((toFile == null) == (toTopic == null)) {
        throw new IllegalArgumentException(
            "give one of --toFile=<file.jsonl> or --toTopic=<input topic>");
      }
      Set<String> wanted = codes.stream().map(String::trim).collect(Collectors.toSet());
      Map<String, Object> client = KafkaClientConfig.load(kafkaProperties);
      Counts counts = new Counts();
      try (Sink sink = toFile != null ? Sink.file(toFile) : Sink.topic(servers, toTopic, client)) {
        Consumer<String> each = line -> redrive(line, wanted, stage, sink, counts);
        if (from != null) {
          for (InputFile f : ToolInput.match("from", from)) {
            try (BufferedReader r = f.open()) {
              r.lines().forEach(each);
            }
          }
        } else {
          readTopic(servers, fromTopic, client, each);
        }
      } catch (IOException | RuntimeException e) {
        err.println("redrive failed: " + e.getMessage());
        counts.print(out);
        return Tools.FAILED;
      }
      counts.print(out);
      return 0;
    }
  }

  private static void redrive(String line, Set<String> codes, String stage, Sink sink, Counts c) {
    if (line.isBlank()) {
      return;
    }
    c.read++;
    Letter d;
    try {
      d = LETTER.readValue(line);
    } catch (IOException e) {
      c.unreadable++;
      return;
    }
    if (d == null) {
      c.unreadable++;
      return;
    }
    String code = text(d.errorCode());
    if ((!codes.isEmpty() && !codes.contains(code))
        || (stage != null && !stage.equals(d.stage()))) {
      return;
    }
    c.matched++;
    if (d.payloadTruncated()) {
      c.truncated++;
      return;
    }
    String payload = text(d.payload());
    byte[] bytes =
        "base64".equals(d.payloadEncoding())
            ? Base64.getDecoder().decode(payload)
            : payload.getBytes(StandardCharsets.UTF_8);
    sink.send(bytes);
    c.sent++;
    c.byCode.merge(code, 1L, Long::sum);
  }

  private static void readTopic(
      String servers, String topic, Map<String, Object> client, Consumer<String> each) {
    Map<String, Object> config = new HashMap<>(client);
    config.put("bootstrap.servers", servers);
    config.put("enable.auto.commit", "false");
    config.put("isolation.level", "read_committed");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(30))
          .forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
            each.accept(r.value());
          }
        }
      }
    }
  }

  /** What was read and sent, printed at the end. */
  private static final class Counts {
    long read;
    long unreadable;
    long matched;
    long truncated;
    long sent;
    final Map<String, Long> byCode = new TreeMap<>();

    void print(PrintStream out) {
      out.printf(
          Locale.ROOT,
          "redrive: read %,d dead letters, %,d matched, %,d sent %s,"
              + " %,d not sent (payload cut at 64 KiB), %,d unreadable lines%n",
          read,
          matched,
          sent,
          byCode,
          truncated,
          unreadable);
    }
  }

  /** Where payloads go: one JSON Lines file, or a topic. */
  private interface Sink extends AutoCloseable {
    void send(byte[] payload);

    @Override
    void close() throws IOException;

    static Sink file(Path file) throws IOException {
      OutputStream o = Files.newOutputStream(file);
      return new Sink() {
        @Override
        public void send(byte[] payload) {
          try {
            o.write(payload);
            o.write('\n');
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }

        @Override
        public void close() throws IOException {
          o.close();
        }
      };
    }

    static Sink topic(String servers, String topic, Map<String, Object> client) {
      Map<String, Object> config = new HashMap<>(client);
      config.put("bootstrap.servers", servers);
      config.put("acks", "all");
      config.put("enable.idempotence", "true");
      KafkaProducer<byte[], byte[]> p =
          new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      return new Sink() {
        @Override
        public void send(byte[] payload) {
          acks.add(p.send(new ProducerRecord<>(topic, payload)));
        }

        @Override
        public void close() throws IOException {
          try {
            p.flush();
            for (java.util.concurrent.Future<?> f : acks) {
              f.get();
            }
          } catch (Exception e) {
            throw new IOException("sending to " + topic + " failed: " + e.getMessage(), e);
          } finally {
            p.close();
          }
        }
      };
    }
  }
}
