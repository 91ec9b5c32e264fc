package io.realtimepipelines.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./rtp} sends exactly the tools' names to the tools jar and everything else to the job jar.
 */
class ToolsScriptTest {
  private static Path rtp() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("rtp")) && Files.isDirectory(dir.resolve("tools"))) {
        return dir.resolve("rtp");
      }
    }
    throw new AssertionError("no rtp script above " + Paths.get("").toAbsolutePath());
  }

  @Test
  void rtpDispatchesEveryToolAndNothingElseToTheToolsJar() throws IOException {
    Matcher m = Pattern.compile("(?m)^tools=\"([^\"]*)\"").matcher(Files.readString(rtp()));
    assertTrue(m.find(), "rtp has no tools=\"...\" line");
    assertEquals(List.copyOf(Tools.names()), Arrays.asList(m.group(1).trim().split("\\s+")));
  }

  @Test
  void helpListsEveryToolButNoJob() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals(0, Tools.run(new String[] {"--help"}, out, out));
    String help = bytes.toString(StandardCharsets.UTF_8);
    for (String tool : Tools.names()) {
      assertTrue(help.contains("  " + tool + " "), tool + " missing from\n" + help);
    }
    assertTrue(!help.contains("\n  fraud "), "jobs are listed by the job launcher:\n" + help);
  }

  @Test
  void everyToolPrintsItsOptionsWithoutFormattingWarnings() {
    PrintStream systemErr = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8)); // picocli's tracer
    try {
      for (String tool : Tools.names()) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(0, Tools.run(new String[] {tool, "--help"}, out, out), tool);
        String help = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith("Usage: " + tool) && help.contains("--help"), help);
        assertTrue(!help.contains("--version"), "no version to print: " + help);
      }
    } finally {
      System.setErr(systemErr);
    }
    assertEquals("", warnings.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aNameThatIsNoToolGoesToTheJobLauncher() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals(Tools.USAGE, Tools.run(new String[] {"no-such-command"}, out, out));
    assertTrue(
        bytes.toString(StandardCharsets.UTF_8).contains("unknown job 'no-such-command'"),
        bytes.toString(StandardCharsets.UTF_8));
  }
}
