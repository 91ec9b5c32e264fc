package io.realtimepipelines.recommend;

import io.realtimepipelines.model.ClickEvent;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** What {@link RecommendProducts} produces. */
public final class RecommendResult implements POutput {
  private static final TupleTag<SessionRecs> RECS = new TupleTag<>("sessionRecs");
  private static final TupleTag<ItemNeighbours> NEIGHBOURS = new TupleTag<>("itemNeighbours");
  private static final TupleTag<ClickEvent> LATE = new TupleTag<>("lateClicks");

  private final Pipeline pipeline;
  private final PCollection<SessionRecs> sessionRecs;
  private final PCollection<ItemNeighbours> itemNeighbours;
  private final PCollection<ClickEvent> lateClicks;

  RecommendResult(
      Pipeline pipeline,
      PCollection<SessionRecs> sessionRecs,
      PCollection<ItemNeighbours> itemNeighbours,
      PCollection<ClickEvent> lateClicks) {
    this.pipeline = pipeline;
    this.sessionRecs = sessionRecs;
    this.itemNeighbours = itemNeighbours;
    this.lateClicks = lateClicks;
  }

  /** One list per view or add-to-cart, timestamped with its click. */
  public PCollection<SessionRecs> getSessionRecs() {
    return sessionRecs;
  }

  /** An item's neighbours each time they changed when the item was clicked. */
  public PCollection<ItemNeighbours> getItemNeighbours() {
    return itemNeighbours;
  }

  /** Clicks older than one their session had already applied, unchanged; nothing came of them. */
  public PCollection<ClickEvent> getLateClicks() {
    return lateClicks;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(RECS, sessionRecs, NEIGHBOURS, itemNeighbours, LATE, lateClicks);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
