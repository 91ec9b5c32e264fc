package io.realtimepipelines.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key=value} command lines: unknown keys are errors that list the known ones. */
final class Args {
  private Args() {}

  /** Thrown for a command line that cannot be used; the message says how to fix it. */
  static final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
      super(message);
    }
  }

  static Map<String, String> parse(String[] args, List<String> known) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new UsageException("expected --key=value, got '" + arg + "'");
      }
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value = eq < 0 ? "true" : arg.substring(eq + 1);
      if (!known.contains(key)) {
        throw new UsageException(
            "unknown option --" + key + "; known: --" + String.join(", --", known));
      }
      out.put(key, value);
    }
    return out;
  }

  static String required(Map<String, String> args, String key) {
    String v = args.get(key);
    if (v == null || v.isBlank()) {
      throw new UsageException("--" + key + " is required");
    }
    return v;
  }

  static long positiveLong(Map<String, String> args, String key, long dflt) {
    String v = args.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.replace("_", "").replace(",", ""));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--" + key + " must be a positive whole number, got '" + v + "'");
  }
}
