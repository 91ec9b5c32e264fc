package io.realtimepipelines.benchmarks;

import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The harness's command lines, parsed by picocli: {@code --key=value} options, {@code --help}, and
 * exit code 2 with a message naming the option for an unknown option or a bad value.
 */
public final class Args {
  private Args() {}

  /** A picocli command line for {@code command} that also reads job and runner names. */
  public static CommandLine commandLine(Object command) {
    return new CommandLine(command)
        .registerConverter(JobKind.class, name -> named(JobKind::fromName, name))
        .registerConverter(RunnerKind.class, name -> named(RunnerKind::fromName, name));
  }

  /** {@code fromName}'s value; its message (which lists the known names) when there is none. */
  private static <T> T named(Function<String, T> fromName, String name) {
    try {
      return fromName.apply(name);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** A positive whole number; {@code _} and {@code ,} may group its digits (1_000_000). */
  static final class PositiveNumber implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        long n = Long.parseLong(value.replace("_", "").replace(",", ""));
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("must be a positive whole number, got '" + value + "'");
    }
  }

  /** {@code --help}, for every command here. */
  public static final class Help {
    @Option(names = "--help", usageHelp = true, description = "this text")
    public boolean help;
  }

  /** The bundled jar to measure and the report folder. */
  static final class JarAndOut {
    @Option(
        names = "--jar",
        paramLabel = "FILE",
        defaultValue = "pipelines/target/pipelines-bundled.jar",
        description = "bundled jar (default ${DEFAULT-VALUE})")
    Path jar;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        defaultValue = "benchmarks/results",
        description = "report folder (default ${DEFAULT-VALUE})")
    Path out;
  }
}
