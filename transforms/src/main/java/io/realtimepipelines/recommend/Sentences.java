package io.realtimepipelines.recommend;

import java.util.Locale;

/** The reasons in words that come with each recommended item. */
final class Sentences {
  private Sentences() {}

  /** A decayed count of sessions, as a whole number of at least 1. */
  static long sessions(double decayed) {
    return Math.max(1, Math.round(decayed));
  }

  /** "1 session", "37 sessions". */
  static String count(long n) {
    return n + (n == 1 ? " session" : " sessions");
  }

  static String similar(String relatedTo, double sessions) {
    return String.format(
        Locale.ROOT, "viewed together with %s in %s", relatedTo, count(sessions(sessions)));
  }

  static String complement(String relatedTo, String category, double sessions, String minAction) {
    return String.format(
        Locale.ROOT,
        "%s with %s%s in %s",
        minAction.equals("purchase") ? "bought together" : "in the cart together",
        relatedTo,
        category.isEmpty() ? "" : " (" + category + ")",
        count(sessions(sessions)));
  }

  static String categoryComplement(String category, double sessions) {
    return String.format(
        Locale.ROOT,
        "often carted or bought with %s items (%s)",
        category.isEmpty() ? "uncategorised" : category,
        count(sessions(sessions)));
  }

  static String recentlyViewed(int position) {
    return position == 1
        ? "viewed just before this one"
        : String.format(Locale.ROOT, "viewed earlier in this session (%d items ago)", position);
  }

  /**
   * "trending in X: …", with {@code sameBrand} "trending in X from the same brand: …", with {@code
   * similarPrice} "… at a similar price: …".
   */
  static String trending(
      String category, long sessions, int windowMinutes, boolean sameBrand, boolean similarPrice) {
    return String.format(
        Locale.ROOT,
        "trending in %s%s%s: %s in the last %d min",
        category.isEmpty() ? "uncategorised items" : category,
        sameBrand ? " from the same brand" : "",
        similarPrice ? " at a similar price" : "",
        count(sessions),
        windowMinutes);
  }
}
