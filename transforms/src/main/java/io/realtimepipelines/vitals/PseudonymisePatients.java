package io.realtimepipelines.vitals;

import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.VitalSign;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Replaces every patient id with its pseudonym ({@link Pseudonymiser}), the key read by each worker
 * from a {@link KeySource}. {@link #deadLetters} does the same inside dead-letter payloads: the
 * {@code "patientId"} field of a text payload is replaced; a payload where no such field can be
 * found (not JSON, not UTF-8, escaped) may still hold the id, so it is withheld (payload empty,
 * {@code payloadEncoding} {@code withheld}; size, position and error kept) and counted.
 *
 * <pre>{@code
 * readings.apply("Pseudonymise", PseudonymisePatients.of(keySource));
 * }</pre>
 */
public final class PseudonymisePatients
    extends PTransform<PCollection<VitalSign>, PCollection<VitalSign>> {
  private static final long serialVersionUID = 1L;
  private final KeySource key;

  private PseudonymisePatients(KeySource key) {
    this.key = key;
  }

  public static PseudonymisePatients of(KeySource key) {
    if (key == null) {
      throw new IllegalArgumentException("key source must not be null");
    }
    return new PseudonymisePatients(key);
  }

  @Override
  public PCollection<VitalSign> expand(PCollection<VitalSign> input) {
    return input.apply("PseudonymiseIds", ParDo.of(new ReadingFn(key))).setCoder(input.getCoder());
  }

  /** The same for dead letters. */
  public static DeadLetters deadLetters(KeySource key) {
    if (key == null) {
      throw new IllegalArgumentException("key source must not be null");
    }
    return new DeadLetters(key);
  }

  /** Pseudonymises patient ids inside dead-letter payloads; see the class documentation. */
  public static final class DeadLetters
      extends PTransform<PCollection<DeadLetter>, PCollection<DeadLetter>> {
    private static final long serialVersionUID = 1L;
    private final KeySource key;

    private DeadLetters(KeySource key) {
      this.key = key;
    }

    @Override
    public PCollection<DeadLetter> expand(PCollection<DeadLetter> input) {
      return input
          .apply("PseudonymisePayloads", ParDo.of(new DeadLetterFn(key)))
          .setCoder(input.getCoder());
    }
  }

  static final class ReadingFn extends DoFn<VitalSign, VitalSign> {
    private final KeySource key;
    private transient Pseudonymiser pseudonymiser;

    ReadingFn(KeySource key) {
      this.key = key;
    }

    @Setup
    public void setup() {
      pseudonymiser = new Pseudonymiser(key.read());
    }

    @ProcessElement
    public void process(@Element VitalSign v, OutputReceiver<VitalSign> out) {
      out.output(v.withPatientId(pseudonymiser.pseudonym(v.getPatientId())));
    }
  }

  /** {@code "patientId" : "<id without escapes>"}. */
  static final Pattern PATIENT_FIELD =
      Pattern.compile("(\"patientId\"\\s*:\\s*\")([^\"\\\\]*)(\")");

  /** The payload with every patient id replaced, or null when it cannot be made safe. */
  static String scrub(String payload, Pseudonymiser p) {
    Matcher m = PATIENT_FIELD.matcher(payload);
    StringBuilder sb = new StringBuilder();
    boolean found = false;
    while (m.find()) {
      found = true;
      m.appendReplacement(
          sb, Matcher.quoteReplacement(m.group(1) + p.pseudonym(m.group(2)) + m.group(3)));
    }
    m.appendTail(sb);
    String out = sb.toString();
    // Any other mention of the field (escaped quotes, a number) could carry the id: withhold.
    int mentions = out.split("\"patientId\"", -1).length - 1;
    return found && mentions == countMatches(out) ? out : null;
  }

  private static int countMatches(String s) {
    Matcher m = PATIENT_FIELD.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  static final class DeadLetterFn extends DoFn<DeadLetter, DeadLetter> {
    private final KeySource key;
    private transient Pseudonymiser pseudonymiser;
    private final Counter withheld = Metrics.counter("rtp", "vitals.dead_letter_payloads_withheld");

    DeadLetterFn(KeySource key) {
      this.key = key;
    }

    @Setup
    public void setup() {
      pseudonymiser = new Pseudonymiser(key.read());
    }

    @ProcessElement
    public void process(@Element DeadLetter d, OutputReceiver<DeadLetter> out) {
      String scrubbed =
          "utf8".equals(d.getPayloadEncoding()) ? scrub(d.getPayload(), pseudonymiser) : null;
      DeadLetter.Builder b =
          DeadLetter.builder()
              .setEventType(d.getEventType())
              .setPayloadBytes(d.getPayloadBytes())
              .setPayloadTruncated(d.getPayloadTruncated())
              .setErrorCode(d.getErrorCode())
              .setField(d.getField())
              .setStage(d.getStage())
              .setSourcePosition(d.getSourcePosition())
              .setPipeline(d.getPipeline())
              .setPipelineVersion(d.getPipelineVersion())
              .setProcessingTime(d.getProcessingTime())
              .setMessage(
                  "patientId".equals(d.getField())
                      ? "field 'patientId' is invalid (details withheld: patient ids are pseudonymised)"
                      : d.getMessage());
      // The hash of the original payload would let anyone who knows the other fields test
      // candidate patient ids: the hash is of what is stored instead.
      if (scrubbed == null) {
        withheld.inc();
        b.setPayload("").setPayloadEncoding("withheld").setPayloadSha256("");
      } else {
        b.setPayload(scrubbed)
            .setPayloadEncoding("utf8")
            .setPayloadSha256(
                io.realtimepipelines.validation.DeadLetters.sha256(
                    scrubbed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
      out.output(b.build());
    }
  }
}
