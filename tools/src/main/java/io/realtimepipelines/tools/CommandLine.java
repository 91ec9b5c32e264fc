package io.realtimepipelines.tools;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --name=value} arguments of the launcher's plain tools. Every mistake is an
 * IllegalArgumentException whose message says how to fix the command line.
 */
public final class CommandLine {
  /** Exit code of a run that failed while reading or writing. */
  public static final int FAILED = 1;

  /** Exit code of a run whose command line was wrong (as the launcher's). */
  public static final int USAGE = 2;

  private final String command;
  private final Map<String, String> values;

  private CommandLine(String command, Map<String, String> values) {
    this.command = command;
    this.values = values;
  }

  /** True when any argument asks for help. */
  public static boolean wantsHelp(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses {@code args}; a leading {@code command} (the subcommand name, when a launcher passes
   * it on) is skipped. Only names in {@code allowed} are accepted, each at most once.
   */
  public static CommandLine parse(String command, String[] args, List<String> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (i == 0 && arg.equals(command)) {
        continue;
      }
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 3) {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "'; options look like --name=value");
      }
      String name = arg.substring(2, eq);
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option --" + name + "; " + command + " takes --" + String.join(", --", allowed));
      }
      if (values.put(name, arg.substring(eq + 1)) != null) {
        throw new IllegalArgumentException("option --" + name + " is given more than once");
      }
    }
    return new CommandLine(command, values);
  }

  /** The value of an optional option, or null when it is not given. */
  public String value(String name) {
    return values.get(name);
  }

  /** The value of a required option. */
  public String required(String name, String example) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          command + " needs --" + name + "=" + example + " (run '" + command + " --help')");
    }
    return value;
  }

  /** The value of an optional option, or null when it is not given. */
  public String optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  /** An existing regular file named by a required option. */
  public Path existingFile(String name, String example) {
    Path path = Paths.get(required(name, example));
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "--" + name + "=" + path + " is not a readable file (looked in "
              + path.toAbsolutePath().normalize() + ")");
    }
    return path;
  }

  /** An existing folder named by a required option. */
  public Path existingFolder(String name, String example) {
    Path path = Paths.get(required(name, example));
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException(
          "--" + name + "=" + path + " is not a folder (looked in "
              + path.toAbsolutePath().normalize() + ")");
    }
    return path;
  }

  /** A whole number option within [min, max], or {@code fallback} when it is not given. */
  public long longValue(String name, long fallback, long min, long max) {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "--" + name + " must be from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  /** A decimal option within [min, max], or {@code fallback} when it is not given. */
  public BigDecimal decimalValue(String name, BigDecimal fallback, BigDecimal min, BigDecimal max) {
    String text = values.get(name);
    if (text == null) {
      return fallback;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " must be a number from " + min.toPlainString() + " to "
              + max.toPlainString() + ", got '" + text + "'");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "--" + name + " must be from " + min.toPlainString() + " to " + max.toPlainString()
              + ", got " + value.toPlainString());
    }
    return value;
  }
}
