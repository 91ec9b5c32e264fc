package io.realtimepipelines.pipelines.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real promtool (Debian package prometheus), and the repository's ops/ folder. */
final class Promtool {
  private Promtool() {}

  /** Result of one run: exit code and the combined output. */
  record Run(int exitCode, String output) {}

  /** The repository's ops/ folder, from the module or the repository root. */
  static Path ops() {
    for (Path base : List.of(Paths.get("ops"), Paths.get("..", "ops"))) {
      if (Files.isDirectory(base.resolve("prometheus"))) {
        return base.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("ops/ not found from " + Paths.get("").toAbsolutePath());
  }

  /** An executable of the prometheus package, or a failure that says how to install it. */
  static String binary(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Paths.get(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IllegalStateException(
        name
            + " not found on PATH: install it with `sudo apt-get install -y prometheus`"
            + " (.ci/run does), then stop the service it may start:"
            + " `sudo systemctl disable --now prometheus`");
  }

  /** Runs {@code promtool args...} in {@code dir}. */
  static Run run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary("promtool"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "promtool " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Run(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
