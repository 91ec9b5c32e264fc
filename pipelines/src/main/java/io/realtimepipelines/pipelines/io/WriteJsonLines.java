package io.realtimepipelines.pipelines.io;

import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Writes elements as JSON Lines to files ({@code <dir>/part-NNNNN-of-MMMMM.jsonl}) or to standard
 * output. Unbounded input is written in one-minute windows.
 */
public final class WriteJsonLines<T> extends PTransform<PCollection<T>, PDone> {
  private final SerializableFunction<T, String> toJson;
  private final String directory; // null: standard output
  private final int numShards;

  private WriteJsonLines(SerializableFunction<T, String> toJson, String directory, int numShards) {
    this.toJson = toJson;
    this.directory = directory;
    this.numShards = numShards;
  }

  /** Files under {@code directory}; {@code numShards} 0 lets the runner choose. */
  public static <T> WriteJsonLines<T> toFiles(
      SerializableFunction<T, String> toJson, String directory, int numShards) {
    if (numShards < 0) {
      throw new IllegalArgumentException(
          "numShards must be 0 (runner decides) or more, got " + numShards);
    }
    return new WriteJsonLines<>(toJson, directory, numShards);
  }

  /** One line per element on standard output. */
  public static <T> WriteJsonLines<T> toStdout(SerializableFunction<T, String> toJson) {
    return new WriteJsonLines<>(toJson, null, 0);
  }

  @Override
  public PDone expand(PCollection<T> input) {
    PCollection<String> lines =
        input.apply("ToJson", MapElements.into(TypeDescriptors.strings()).via(toJson));
    if (directory == null) {
      lines.apply("Print", ParDo.of(new PrintFn()));
      return PDone.in(input.getPipeline());
    }
    String prefix = directory.endsWith("/") ? directory + "part" : directory + "/part";
    if (input.isBounded() == PCollection.IsBounded.BOUNDED) {
      TextIO.Write write = TextIO.write().to(prefix).withSuffix(".jsonl");
      if (numShards > 0) {
        write = write.withNumShards(numShards);
      }
      return lines.apply("WriteFiles", write);
    }
    lines
        .apply("MinuteWindows", Window.into(FixedWindows.of(Duration.standardMinutes(1))))
        .apply(
            "WriteFiles",
            TextIO.write()
                .to(prefix)
                .withSuffix(".jsonl")
                .withWindowedWrites()
                .withNumShards(Math.max(1, numShards)));
    return PDone.in(input.getPipeline());
  }

  static final class PrintFn extends DoFn<String, Void> {
    @ProcessElement
    public void process(@Element String line) {
      System.out.println(line);
    }
  }
}
