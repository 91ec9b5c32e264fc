package io.realtimepipelines.recommend;

import java.util.Locale;

/** The reasons in words that come with each recommended item. */
final class Sentences {
  private Sentences() {}

  /** A decayed count of sessions, as a whole number of at least 1. */
  static long sessions(double decayed) {
    return Math.max(1, Math.round(decayed));
  }

  static String similar(String relatedTo, double sessions) {
    return String.format(Locale.ROOT, "viewed together with %s in %d sessions", relatedTo,
        sessions(sessions));
  }

  static String complement(String relatedTo, String category, double sessions, String minAction) {
    return String.format(Locale.ROOT, "%s with %s%s in %d sessions",
        minAction.equals("purchase") ? "bought together" : "in the cart together", relatedTo,
        category.isEmpty() ? "" : " (" + category + ")", sessions(sessions));
  }

  static String categoryComplement(String category, double sessions) {
    return String.format(Locale.ROOT, "often carted or bought with %s items (%d sessions)",
        category.isEmpty() ? "uncategorised" : category, sessions(sessions));
  }

  static String recentlyViewed(int position) {
    return position == 1
        ? "viewed just before this one"
        : String.format(Locale.ROOT, "viewed earlier in this session (%d items ago)", position);
  }

  static String trending(String category, long sessions, int windowMinutes) {
    return String.format(Locale.ROOT, "trending in %s: %d sessions in the last %d min",
        category.isEmpty() ? "uncategorised items" : category, sessions, windowMinutes);
  }
}
