package io.realtimepipelines.tools.vitals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two converters on a few hand-written rows in each data set's layout. */
class ConvertersTest {

  private static List<String> lines(Path gz) throws Exception {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      return r.lines().toList();
    }
  }

  @Test
  void fitbitRowsBecomeHeartRateReadingsAndBadRowsAreCounted(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("heartrate_seconds_x.csv"),
        "Id,Time,Value\r\n7,4/1/2016 7:54:00 AM,93\r\n7,4/1/2016 1:05:10 PM,101\r\n"
            + "7,yesterday,90\r\n7,4/1/2016 7:55:00 AM,n/a\r\n");
    FitbitConverter.Summary s = FitbitConverter.convert(dir, dir.resolve("out.jsonl.gz"));
    assertEquals(4, s.rows());
    assertEquals(2, s.readings());
    assertEquals(
        Map.of("Time not M/D/YYYY h:mm:ss AM/PM", 1L, "Value not a number", 1L),
        s.rejected().byReason());
    List<String> out = lines(dir.resolve("out.jsonl.gz"));
    assertEquals(
        "{\"patientId\":\"fitbit-7\",\"deviceId\":\"fitbit-wrist-7\",\"metric\":\"heart_rate\","
            + "\"value\":101.0,\"unit\":\"bpm\",\"timestamp\":\"2016-04-01T13:05:10.000Z\"}",
        out.get(1));
  }

  @Test
  void icuRowsBecomeOneReadingPerMeasuredVitalAndLabelsMarkTheFirstSepticHour(@TempDir Path dir)
      throws Exception {
    String header = "patient_id,HR,O2Sat,Temp,SBP,MAP,DBP,Resp,EtCO2,ICULOS,SepsisLabel";
    Files.writeString(
        dir.resolve("icu.csv"),
        String.join(
                "\n",
                header,
                "p1,97,95,NaN,98,75.33,NaN,19,NaN,2,0",
                "p1,NaN,NaN,NaN,NaN,NaN,NaN,NaN,NaN,3,1",
                "p1,101,93,38.2,96,70,55,24,NaN,4,1",
                "p2,80,98,36.8,120,90,70,16,NaN,1,0")
            + "\n");
    SepsisConverter.Summary s =
        SepsisConverter.convert(
            dir.resolve("icu.csv"), dir.resolve("r.jsonl.gz"), dir.resolve("labels.jsonl"));
    assertEquals(4, s.rows());
    assertEquals(4 + 6 + 6, s.readings());
    assertEquals(2 + 6, s.notMeasured());
    assertEquals(2, s.patients());
    assertEquals(1, s.septic());
    assertTrue(
        lines(dir.resolve("r.jsonl.gz"))
            .get(0)
            .contains(
                "\"patientId\":\"p1\",\"deviceId\":\"icu-p1\",\"metric\":\"heart_rate\",\"value\":97.0,"
                    + "\"unit\":\"bpm\",\"timestamp\":\"2019-01-01T02:00:00.000Z\""));
    assertEquals(
        List.of(
            "{\"patientId\":\"p1\",\"septic\":true,\"labelFrom\":\"2019-01-01T03:00:00.000Z\"}",
            "{\"patientId\":\"p2\",\"septic\":false}"),
        Files.readAllLines(dir.resolve("labels.jsonl")));
  }
}
