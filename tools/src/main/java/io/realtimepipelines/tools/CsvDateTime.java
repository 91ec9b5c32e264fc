package io.realtimepipelines.tools;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.regex.Pattern;

/**
 * The date-time cells of the data sets' CSVs: {@code YYYY-MM-DD HH:MM:SS} (or with a {@code T}),
 * read with java.time's ISO parser, which rejects impossible dates (February 30, hour 24).
 */
public final class CsvDateTime {
  private static final Pattern SHAPE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}");

  private CsvDateTime() {}

  /**
   * The local date and time of {@code text}, or null when it has another shape.
   *
   * @throws DateTimeException when it has the shape but names no real date and time
   */
  public static LocalDateTime parse(String text) {
    if (!SHAPE.matcher(text).matches()) {
      return null;
    }
    return LocalDateTime.parse(text.replace(' ', 'T'));
  }
}
