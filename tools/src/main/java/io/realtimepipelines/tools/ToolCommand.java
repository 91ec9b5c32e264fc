package io.realtimepipelines.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One offline tool's command line, parsed by picocli from its {@code @Option} fields, with the exit
 * codes every tool shares: 0 ok, {@link Tools#FAILED} (1) when the tool's check failed or it could
 * not read or write, {@link Tools#USAGE} (2) when the command line (or an input it names) is wrong.
 * {@code --help} prints the options with their defaults.
 *
 * <p>A tool throws {@link IllegalArgumentException} for a wrong command line or input, with a
 * message that says how to fix it, and lets {@link IOException} out for a failed read or write.
 */
public abstract class ToolCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "print the options and exit")
  boolean help;

  /** Where the tool's report goes. */
  protected PrintStream out = System.out;

  /** Where warnings and errors go. */
  protected PrintStream err = System.err;

  /** Runs the tool once its options are set; returns 0 or {@link Tools#FAILED}. */
  protected abstract int execute() throws IOException;

  @Override
  public final Integer call() throws IOException {
    return execute();
  }

  /** Parses {@code args} into {@code command}'s options and runs it; returns the exit code. */
  public static int run(ToolCommand command, String[] args, PrintStream out, PrintStream err) {
    command.out = out;
    command.err = err;
    CommandLine cl = new CommandLine(command);
    String name = cl.getCommandName();
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setParameterExceptionHandler((e, a) -> usageError(name, e.getMessage(), err));
    cl.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          if (e instanceof IllegalArgumentException) {
            return usageError(name, e.getMessage(), err);
          }
          if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println(name + " failed: " + e);
            return Tools.FAILED;
          }
          throw e;
        });
    return cl.execute(args);
  }

  private static int usageError(String name, String message, PrintStream err) {
    err.println("error: " + message);
    err.println("Run 'rtp " + name + " --help' for its options.");
    return Tools.USAGE;
  }

  /** {@code path} when it is a readable regular file. */
  protected static Path existingFile(String option, Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "--"
              + option
              + "="
              + path
              + " is not a readable file (looked in "
              + path.toAbsolutePath().normalize()
              + ")");
    }
    return path;
  }

  /** {@code path} when it is a folder. */
  protected static Path existingFolder(String option, Path path) {
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException(
          "--"
              + option
              + "="
              + path
              + " is not a folder (looked in "
              + path.toAbsolutePath().normalize()
              + ")");
    }
    return path;
  }

  /** {@code value} when it is within [min, max]. */
  protected static long inRange(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "--" + option + " must be from " + min + " to " + max + ", got " + value);
    }
    return value;
  }

  /** {@code value} when it is within [min, max]. */
  protected static BigDecimal inRange(
      String option, BigDecimal value, BigDecimal min, BigDecimal max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "--"
              + option
              + " must be from "
              + min.toPlainString()
              + " to "
              + max.toPlainString()
              + ", got "
              + value.toPlainString());
    }
    return value;
  }
}
