package io.realtimepipelines.fraud;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Joins the findings of the keyed stages a transaction was sent to side by side (per IP, account,
 * merchant and user-rule key) back into one event, keyed by the transaction. It does not wait for
 * the watermark: a transaction is emitted as soon as its last part arrives. The parts of an on-time
 * transaction all come before the watermark passes it, because each stage holds the watermark at
 * its oldest buffered event, so what this emits is never late downstream. A transaction late at any
 * of its stages goes to {@link #LATE} once all its parts are back, so it ends in exactly one place.
 *
 * <p>Only the account stage's part carries the whole transaction (the carrier); the others carry
 * their findings, so the join moves one transaction and a few short lists per decision.
 */
final class JoinFindings
    extends PTransform<PCollectionList<KV<String, JoinFindings.Part>>, PCollectionTuple> {
  static final TupleTag<StageEvent> DECIDED = new TupleTag<StageEvent>() {};
  static final TupleTag<StageEvent> LATE = new TupleTag<StageEvent>() {};

  static final KvCoder<String, Part> KEYED_PART_CODER =
      KvCoder.of(StringUtf8Coder.of(), PartCoder.INSTANCE);

  @Override
  public PCollectionTuple expand(PCollectionList<KV<String, Part>> parts) {
    PCollectionTuple joined =
        parts
            .apply("AllParts", Flatten.pCollections())
            .setCoder(KEYED_PART_CODER)
            .apply("Join", ParDo.of(new JoinFn()).withOutputTags(DECIDED, TupleTagList.of(LATE)));
    joined.get(DECIDED).setCoder(StageEvent.StageEventCoder.of());
    joined.get(LATE).setCoder(StageEvent.StageEventCoder.of());
    return joined;
  }

  /** The join key of a transaction: its id and event time. */
  static String key(StageEvent e) {
    return e.txn().getTxnId() + "\u0000" + e.timestamp().getMillis();
  }

  /** One stage's share of a transaction. */
  static final class Part {
    /** The whole transaction, on the carrier part only. */
    final @Nullable StageEvent event;

    private final List<Finding> findings;
    final int parts;
    final boolean late;

    private Part(@Nullable StageEvent event, List<Finding> findings, int parts, boolean late) {
      this.event = event;
      this.findings = findings;
      this.parts = parts;
      this.late = late;
    }

    /** The part that carries the transaction, with its stage's findings. */
    static Part carrier(StageEvent e, boolean late) {
      return new Part(e, List.of(), e.parts(), late);
    }

    /** A part with only its stage's findings. */
    static Part findingsOf(StageEvent e, boolean late) {
      return new Part(null, e.findings(), e.parts(), late);
    }

    List<Finding> findings() {
      return event != null ? event.findings() : findings;
    }
  }

  /** Keys a stage's outputs (or late events) by their transaction. */
  static final class ByTransactionFn extends DoFn<StageEvent, KV<String, Part>> {
    private final boolean carrier;
    private final boolean late;

    ByTransactionFn(boolean carrier, boolean late) {
      this.carrier = carrier;
      this.late = late;
    }

    @ProcessElement
    public void process(@Element StageEvent e, OutputReceiver<KV<String, Part>> out) {
      if (!e.isTransaction()) {
        return; // reports are applied, never emitted; kept out of the join all the same
      }
      out.output(KV.of(key(e), carrier ? Part.carrier(e, late) : Part.findingsOf(e, late)));
    }
  }

  /**
   * Gathers a transaction's parts; when all are back, emits the carrier's transaction with the
   * findings of every part (to the late output if any part was late).
   */
  static final class JoinFn extends DoFn<KV<String, Part>, StageEvent> {
    // Parts are appended (a bag) and counted, so a transaction with n parts costs n small writes,
    // not n rewrites of a growing list.
    @StateId("parts")
    private final StateSpec<BagState<Part>> partsSpec = StateSpecs.bag(PartCoder.INSTANCE);

    @StateId("count")
    private final StateSpec<ValueState<Integer>> countSpec = StateSpecs.value(VarIntCoder.of());

    @ProcessElement
    public void process(
        @Element KV<String, Part> element,
        @StateId("parts") BagState<Part> parts,
        @StateId("count") ValueState<Integer> count,
        MultiOutputReceiver out) {
      Part p = element.getValue();
      Integer seen = count.read();
      int n = (seen == null ? 0 : seen) + 1;
      if (n < p.parts) {
        parts.add(p);
        count.write(n);
        return;
      }
      List<Part> all = new ArrayList<>(p.parts);
      if (n > 1) {
        parts.read().forEach(all::add);
        parts.clear();
        count.clear();
      }
      all.add(p);
      StageEvent carrier = null;
      boolean late = false;
      int size = 0;
      for (Part part : all) {
        late |= part.late;
        size += part.findings().size();
        if (part.event != null) {
          carrier = part.event;
        }
      }
      if (carrier == null) {
        throw new IllegalStateException("no part of transaction " + element.getKey() + " has it");
      }
      List<Finding> findings = carrier.findings();
      if (size > findings.size()) {
        findings = new ArrayList<>(size);
        for (Part part : all) {
          findings.addAll(part.findings());
        }
      }
      StageEvent merged = findings == carrier.findings() ? carrier : carrier.withFindings(findings);
      (late ? out.get(LATE) : out.get(DECIDED)).output(merged);
    }
  }

  /**
   * A flag byte (bit 0: carrier, bit 1: late), the number of parts, then the transaction ({@link
   * StageEvent.StageEventCoder}) or the findings.
   */
  static final class PartCoder extends CustomCoder<Part> {
    private static final long serialVersionUID = 1L;
    static final PartCoder INSTANCE = new PartCoder();

    @Override
    public void encode(Part p, OutputStream out) throws IOException {
      out.write((p.event != null ? 1 : 0) | (p.late ? 2 : 0));
      VarInt.encode(p.parts, out);
      if (p.event != null) {
        StageEvent.StageEventCoder.of().encode(p.event, out);
      } else {
        Finding.encodeAll(p.findings, out);
      }
    }

    @Override
    public Part decode(InputStream in) throws IOException {
      int flags = in.read();
      if (flags < 0) {
        throw new CoderException("end of stream where a joined part was expected");
      }
      int parts = VarInt.decodeInt(in);
      boolean late = (flags & 2) != 0;
      if ((flags & 1) != 0) {
        return new Part(StageEvent.StageEventCoder.of().decode(in), List.of(), parts, late);
      }
      return new Part(null, Collections.unmodifiableList(Finding.decodeAll(in)), parts, late);
    }

    @Override
    public void verifyDeterministic() {}

    private Object readResolve() {
      return INSTANCE;
    }
  }
}
