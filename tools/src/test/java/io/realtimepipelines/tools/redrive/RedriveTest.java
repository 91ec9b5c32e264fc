package io.realtimepipelines.tools.redrive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realtimepipelines.model.DeadLetter;
import io.realtimepipelines.model.ErrorCode;
import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.tools.Tools;
import io.realtimepipelines.validation.DeadLetters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-driving dead letters: filtered by code and stage, raw bytes back, cut ones counted. */
class RedriveTest {
  private final DeadLetters letters = new DeadLetters("fraud", "1");

  private String letter(byte[] payload, String stage, ErrorCode code, int line) {
    DeadLetter d =
        letters.create(
            "transaction", payload, "in.jsonl:" + line, stage, code, null, "why", Instant.now());
    return EventJson.toJson(d, DeadLetter.class);
  }

  @Test
  void sendsTheRawPayloadsOfTheChosenCodeAndStageBackAndCountsWhatItCannot(@TempDir Path tmp)
      throws Exception {
    byte[] notUtf8 = {'{', (byte) 0xFF, '}'};
    byte[] huge = ("{\"x\":\"" + "y".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    List<String> in = new ArrayList<>();
    in.add(
        letter(
            "{\"amount\":1e400}".getBytes(StandardCharsets.UTF_8),
            "ParseTransaction",
            ErrorCode.INVALID_VALUE,
            1));
    in.add(letter(notUtf8, "ParseTransaction", ErrorCode.INVALID_VALUE, 2));
    in.add(
        letter(
            "[1]".getBytes(StandardCharsets.UTF_8),
            "ParseTransaction",
            ErrorCode.NOT_AN_OBJECT,
            3));
    in.add(
        letter("{}".getBytes(StandardCharsets.UTF_8), "ParseFeedback", ErrorCode.INVALID_VALUE, 4));
    in.add(letter(huge, "ParseTransaction", ErrorCode.INVALID_VALUE, 5));
    Path dead = Files.write(tmp.resolve("dead.jsonl"), in);
    Path target = tmp.resolve("retry.jsonl");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Redrive.run(
            new String[] {
              "--from=" + dead,
              "--code=INVALID_VALUE",
              "--stage=ParseTransaction",
              "--toFile=" + target
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertEquals(0, code);
    byte[] written = Files.readAllBytes(target);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write("{\"amount\":1e400}\n".getBytes(StandardCharsets.UTF_8));
    expected.write(notUtf8);
    expected.write('\n');
    assertEquals(
        new String(expected.toByteArray(), StandardCharsets.ISO_8859_1),
        new String(written, StandardCharsets.ISO_8859_1),
        "the raw bytes, Base64 decoded");
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("read 5 dead letters, 3 matched, 2 sent"), report);
    assertTrue(report.contains("1 not sent (payload cut"), report);
  }

  @Test
  void jsonThatIsNotADeadLetterIsUnreadableNotSentAsAnEmptyPayload(@TempDir Path tmp)
      throws Exception {
    List<String> in = new ArrayList<>();
    in.add(letter("{}".getBytes(StandardCharsets.UTF_8), "Parse", ErrorCode.INVALID_VALUE, 1));
    in.add("[1]");
    in.add("null");
    in.add("{\"errorCode\":\"INVALID_VALUE\",\"payload\":{\"a\":1}}");
    Path dead = Files.write(tmp.resolve("dead.jsonl"), in);
    Path target = tmp.resolve("retry.jsonl");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Redrive.run(
            new String[] {"--from=" + dead, "--toFile=" + target},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertEquals(0, code);
    assertEquals("{}\n", Files.readString(target));
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("read 4 dead letters, 1 matched, 1 sent"), report);
    assertTrue(report.contains("3 unreadable lines"), report);
  }

  @Test
  void aCommandLineWithoutSourceOrTargetIsAUsageError() {
    assertEquals(
        Tools.USAGE,
        Redrive.run(
            new String[] {"--toFile=x"}, System.out, new PrintStream(new ByteArrayOutputStream())));
  }
}
