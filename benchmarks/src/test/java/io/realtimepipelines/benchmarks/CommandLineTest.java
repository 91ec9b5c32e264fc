package io.realtimepipelines.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command lines of the harness, the baseline and the latency benchmark, without running. */
class CommandLineTest {
  /** The exit code of {@code args}; {@code err} gets what picocli printed to stderr. */
  private static int exitCode(Callable<Integer> command, StringWriter err, String... args) {
    CommandLine line = Args.commandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
    line.setErr(new PrintWriter(err));
    line.setOut(new PrintWriter(new StringWriter()));
    return line.execute(args);
  }

  private static void rejected(Callable<Integer> command, String arg, String inMessage) {
    StringWriter err = new StringWriter();
    assertEquals(2, exitCode(command, err, arg), arg);
    assertTrue(err.toString().contains(inMessage), err.toString());
  }

  @Test
  void unknownOptionsAndBadValuesExitWithTwoAndSayWhatIsWrong() {
    rejected(new Benchmark.Cli(), "--bogus=1", "Unknown option: '--bogus=1'");
    rejected(new Benchmark.Cli(), "--events=0", "'--events': must be a positive whole number");
    rejected(new Benchmark.Cli(), "--runs=x", "'--runs': must be a positive whole number");
    rejected(new Benchmark.Cli(), "--runners=direct,storm", "runners: direct, flink, spark");
    rejected(new Benchmark.Cli(), "--heap=lots", "--heap must be a JVM size");
    rejected(new Benchmark.Cli(), "--jar=/no/such.jar", "no bundled jar at /no/such.jar");
    rejected(new Baseline.Cli(), "--input=in.jsonl", "Missing required option: '--job=NAME'");
    rejected(new LatencyBenchmark.Cli(), "--rates=500,fast", "'fast' is not an int");
    rejected(new LatencyBenchmark.Cli(), "--variants=quick", "unknown variant quick");
    rejected(new LatencyBenchmark.Cli(), "--job=pricing", "expected one of [FRAUD, RECOMMEND]");
    rejected(
        new LatencyBenchmark.Cli(), "--idlePartitions=-1", "--idlePartitions must be 0 or more");
  }

  @Test
  void helpPrintsTheOptionsAndExitsWithZero() {
    CommandLine line = Args.commandLine(new Benchmark.Cli());
    StringWriter out = new StringWriter();
    line.setOut(new PrintWriter(out));
    assertEquals(0, line.execute("--help"));
    assertTrue(out.toString().startsWith("Usage: scripts/benchmark"), out.toString());
    assertTrue(out.toString().contains("--events=N"), out.toString());
  }

  @Test
  void omittedOptionsTakeTheDocumentedDefaults(@TempDir Path tmp) throws Exception {
    Path jar = Files.createFile(tmp.resolve("bundled.jar"));
    String repo = "--repo=" + System.getProperty("repoRoot", "..");
    Benchmark.Settings s = Benchmark.Settings.parse(new String[] {"--jar=" + jar, repo});
    assertEquals(1_000_000, s.events());
    assertEquals(3, s.runs());
    assertEquals(List.of(RunnerKind.DIRECT, RunnerKind.FLINK, RunnerKind.SPARK), s.runners());
    assertEquals(
        List.of(
            JobKind.VALIDATE, JobKind.FRAUD, JobKind.PRICING, JobKind.RECOMMEND, JobKind.VITALS),
        s.jobs());
    assertEquals(Path.of("benchmarks/results"), s.out());
    assertEquals("4g", s.heap());
    assertEquals(2, s.parallelism());
    assertEquals(60, s.timeoutMinutes());
    assertEquals(false, s.jmh());
    assertEquals(List.of(), s.jmhArgs());

    Benchmark.Settings t =
        Benchmark.Settings.parse(
            new String[] {
              "--jar=" + jar,
              repo,
              "--events=1_000",
              "--jobs=none",
              "--runners=spark,direct,spark",
              "--jmh",
              "--jmhArgs= -wi 1  Parse "
            });
    assertEquals(1_000, t.events());
    assertEquals(List.of(), t.jobs());
    assertEquals(List.of(RunnerKind.SPARK, RunnerKind.DIRECT), t.runners());
    assertEquals(true, t.jmh());
    assertEquals(List.of("-wi", "1", "Parse"), t.jmhArgs());
  }
}
