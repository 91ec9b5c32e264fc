package io.realtimepipelines.pipelines.generator;

import java.time.LocalDate;

/**
 * Writes one flat JSON object into a {@link StringBuilder}, without building trees: strings are
 * escaped per RFC 8259 (quote, backslash, control characters, unpaired surrogates), decimals are
 * written from scaled longs, timestamps as ISO-8601 UTC with milliseconds.
 */
final class JsonLine {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** The object written so far. */
  private final StringBuilder sb = new StringBuilder(320);

  /** Whether no field has been written yet. */
  private boolean empty = true;

  JsonLine() {
    sb.append('{');
  }

  private StringBuilder key(String name) {
    if (!empty) {
      sb.append(',');
    }
    empty = false;
    appendQuoted(sb, name);
    return sb.append(':');
  }

  /** {@code "name":"value"}, escaped. */
  JsonLine string(String name, CharSequence value) {
    appendQuoted(key(name), value);
    return this;
  }

  /** {@code "name":"<prefix><n>"}: an identifier made of a safe ASCII prefix and a number. */
  JsonLine id(String name, String prefix, long n) {
    key(name).append('"').append(prefix).append(n).append('"');
    return this;
  }

  /** {@code "name":"<prefix><a>-<b>"}. */
  JsonLine id(String name, String prefix, long a, long b) {
    key(name).append('"').append(prefix).append(a).append('-').append(b).append('"');
    return this;
  }

  /** {@code "name":n}. */
  JsonLine number(String name, long value) {
    key(name).append(value);
    return this;
  }

  /** {@code "name":d.dd}: the decimal {@code unscaled / 10^scale}, plain notation. */
  JsonLine decimal(String name, long unscaled, int scale) {
    appendDecimal(key(name), unscaled, scale);
    return this;
  }

  /** {@code "name":"d.dd"}: a decimal written as a string (a wrong type on purpose). */
  JsonLine decimalAsString(String name, long unscaled, int scale) {
    appendDecimal(key(name).append('"'), unscaled, scale).append('"');
    return this;
  }

  /** {@code "name":"2026-11-23T10:15:30.123Z"}. */
  JsonLine timestamp(String name, long epochMillis) {
    appendIso(key(name).append('"'), epochMillis).append('"');
    return this;
  }

  /** The finished object. */
  String close() {
    return sb.append('}').toString();
  }

  static StringBuilder appendQuoted(StringBuilder out, CharSequence s) {
    out.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        switch (c) {
          case '\n':
            out.append("\\n");
            break;
          case '\r':
            out.append("\\r");
            break;
          case '\t':
            out.append("\\t");
            break;
          case '\b':
            out.append("\\b");
            break;
          case '\f':
            out.append("\\f");
            break;
          default:
            appendUnicodeEscape(out, c);
        }
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        // An unpaired surrogate has no UTF-8 form; the escape keeps the payload valid UTF-8.
        appendUnicodeEscape(out, c);
      } else {
        out.append(c);
      }
    }
    return out.append('"');
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }

  static StringBuilder appendDecimal(StringBuilder out, long unscaled, int scale) {
    if (scale == 0) {
      return out.append(unscaled);
    }
    if (unscaled < 0) {
      out.append('-');
      unscaled = -unscaled;
    }
    long pow = 1;
    for (int i = 0; i < scale; i++) {
      pow *= 10;
    }
    out.append(unscaled / pow).append('.');
    long frac = unscaled % pow;
    for (long p = pow / 10; p > 1 && frac < p; p /= 10) {
      out.append('0');
    }
    return out.append(frac);
  }

  static StringBuilder appendIso(StringBuilder out, long epochMillis) {
    long day = Math.floorDiv(epochMillis, 86_400_000L);
    int msOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
    LocalDate date = LocalDate.ofEpochDay(day);
    int year = date.getYear();
    if (year < 1000 || year > 9999) {
      throw new IllegalArgumentException("year " + year + " has no 4-digit ISO-8601 form");
    }
    out.append(year).append('-');
    two(out, date.getMonthValue()).append('-');
    two(out, date.getDayOfMonth()).append('T');
    two(out, msOfDay / 3_600_000).append(':');
    two(out, msOfDay / 60_000 % 60).append(':');
    two(out, msOfDay / 1000 % 60).append('.');
    int ms = msOfDay % 1000;
    return out.append((char) ('0' + ms / 100))
        .append((char) ('0' + ms / 10 % 10))
        .append((char) ('0' + ms % 10))
        .append('Z');
  }

  private static StringBuilder two(StringBuilder out, int v) {
    return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
