package io.realtimepipelines.tools.vitals;

import io.realtimepipelines.model.EventJson;
import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import io.realtimepipelines.tools.ConversionSummary;
import io.realtimepipelines.tools.RejectedLines;
import io.realtimepipelines.tools.ToolCommand;
import io.realtimepipelines.tools.ToolOutput;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.joda.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns the PhysioNet/CinC 2019 sepsis CSV (hourly ICU rows per patient, {@code NaN} when not
 * measured; see {@code shared/datasets/physionet-sepsis-2019-setA/SOURCE.md}) into VitalSign
 * readings and a labels file. Each measured vital becomes one reading: HR heart_rate, O2Sat spo2,
 * Temp temperature, SBP systolic_bp, DBP diastolic_bp, Resp resp_rate (MAP and EtCO2 have no
 * VitalSign metric); patientId = patient_id, deviceId "icu-" + patient_id; the data has no dates,
 * so timestamp = 2019-01-01T00:00Z + ICULOS hours (every stay on one shared clock). Labels: one
 * JSON line per patient, {@code {"patientId","septic","labelFrom"}} with the time of the first row
 * whose SepsisLabel is 1 (6 h before clinical onset, by the challenge's definition).
 *
 * <pre>
 * rtp convert-sepsis --csv=../shared/datasets/physionet-sepsis-2019-setA/physionet_sepsis_setA_first_300_patients.csv \
 *   --readings=/tmp/icu.jsonl.gz --labels=/tmp/icu-labels.jsonl
 * </pre>
 */
public final class SepsisConverter {
  public static final String COMMAND = "convert-sepsis";

  /** ICULOS 0 on the shared clock. */
  static final long EPOCH = Instant.parse("2019-01-01T00:00:00Z").getMillis();

  static final Map<String, VitalMetric> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put("HR", VitalMetric.HEART_RATE);
    COLUMNS.put("O2Sat", VitalMetric.SPO2);
    COLUMNS.put("Temp", VitalMetric.TEMPERATURE);
    COLUMNS.put("SBP", VitalMetric.SYSTOLIC_BP);
    COLUMNS.put("DBP", VitalMetric.DIASTOLIC_BP);
    COLUMNS.put("Resp", VitalMetric.RESP_RATE);
  }

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

  private SepsisConverter() {}

  /** Rows, readings, cells not measured, rows rejected, patients and septic patients. */
  record Summary(
      long rows,
      long readings,
      long notMeasured,
      RejectedLines rejected,
      int patients,
      int septic,
      Map<String, long[]> perColumn) {}

  static Summary convert(Path csvFile, Path readingsOut, Path labelsOut) throws IOException {
    long rows = 0;
    long readings = 0;
    long notMeasured = 0;
    RejectedLines rejected = new RejectedLines();
    Map<String, Long> labelFrom = new TreeMap<>();
    Map<String, long[]> perColumn = new LinkedHashMap<>();
    COLUMNS.keySet().forEach(c -> perColumn.put(c, new long[2]));
    try (Reader in = Files.newBufferedReader(csvFile, StandardCharsets.UTF_8);
        CSVParser csv = CSVParser.parse(in, FORMAT);
        Writer w = ToolOutput.open(readingsOut)) {
      List<String> needed =
          new java.util.ArrayList<>(List.of("patient_id", "ICULOS", "SepsisLabel"));
      needed.addAll(COLUMNS.keySet());
      if (!csv.getHeaderMap().keySet().containsAll(needed)) {
        throw new IllegalArgumentException(
            csvFile
                + " is not the PhysioNet 2019 layout: it lacks "
                + needed.stream().filter(c -> !csv.getHeaderMap().containsKey(c)).toList());
      }
      for (CSVRecord r : csv) {
        rows++;
        String patient = r.get("patient_id").trim();
        long hour;
        try {
          hour = Long.parseLong(r.get("ICULOS").trim());
        } catch (NumberFormatException e) {
          rejected.add(csvFile, r, "ICULOS not a whole number");
          continue;
        }
        if (patient.isEmpty()) {
          rejected.add(csvFile, r, "empty patient_id");
          continue;
        }
        long at = EPOCH + hour * 3_600_000L;
        labelFrom.putIfAbsent(patient, Long.MIN_VALUE);
        if ("1".equals(r.get("SepsisLabel").trim()) && labelFrom.get(patient) == Long.MIN_VALUE) {
          labelFrom.put(patient, at);
        }
        for (Map.Entry<String, VitalMetric> c : COLUMNS.entrySet()) {
          String cell = r.get(c.getKey()).trim();
          double v;
          try {
            v = Double.parseDouble(cell);
          } catch (NumberFormatException e) {
            v = Double.NaN;
          }
          if (Double.isNaN(v)) {
            notMeasured++;
            perColumn.get(c.getKey())[1]++;
            continue;
          }
          perColumn.get(c.getKey())[0]++;
          w.write(
              EventJson.toJson(
                  VitalSign.of(
                      patient,
                      "icu-" + patient,
                      c.getValue(),
                      v,
                      c.getValue().unit(),
                      new Instant(at)),
                  VitalSign.class));
          w.write('\n');
          readings++;
        }
      }
    }
    int septic = 0;
    try (Writer w = ToolOutput.open(labelsOut)) {
      for (Map.Entry<String, Long> e : labelFrom.entrySet()) {
        boolean s = e.getValue() != Long.MIN_VALUE;
        septic += s ? 1 : 0;
        w.write(
            "{\"patientId\":\""
                + e.getKey()
                + "\",\"septic\":"
                + s
                + (s ? ",\"labelFrom\":\"" + new Instant(e.getValue()) + "\"" : "")
                + "}\n");
      }
    }
    return new Summary(rows, readings, notMeasured, rejected, labelFrom.size(), septic, perColumn);
  }

  /** {@code rtp convert-sepsis}: the PhysioNet CSV in; readings and per-patient labels out. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return ToolCommand.run(new Cli(), args, out, err);
  }

  /** The command line of {@code convert-sepsis}. */
  @Command(
      name = COMMAND,
      description =
          "convert PhysioNet 2019 hourly ICU vitals to readings and per-patient sepsis labels",
      footer = {"", "Exit codes: 0 done, 1 reading or writing failed, 2 wrong command line."})
  public static final class Cli extends ToolCommand {
    @Option(
        names = "--csv",
        required = true,
        paramLabel = "<path>",
        description = "the PhysioNet 2019 CSV, e.g. physionet_sepsis_setA_first_300_patients.csv")
    Path csv;

    @Option(
        names = "--readings",
        required = true,
        paramLabel = "<path>",
        description = "where to write the readings (.jsonl, or .jsonl.gz for gzip)")
    Path readings;

    @Option(
        names = "--labels",
        required = true,
        paramLabel = "<path>",
        description = "where to write one sepsis label per patient (.jsonl)")
    Path labels;

    @Override
    protected int execute() throws IOException {
      existingFile("csv", csv);
      if (readings.toAbsolutePath().normalize().equals(labels.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("--readings and --labels must be two different files");
      }
      Summary s = convert(csv, readings, labels);
      long rejected = s.rejected().count();
      ConversionSummary summary =
          ConversionSummary.of(
              COMMAND,
              String.format(
                  Locale.ROOT,
                  "%,d rows of %d patients (%d septic): %,d readings, %,d cells"
                      + " not measured, %,d rows rejected %s",
                  s.rows(),
                  s.patients(),
                  s.septic(),
                  s.readings(),
                  s.notMeasured(),
                  rejected,
                  s.rejected().describe(false)),
              10);
      for (Map.Entry<String, long[]> c : s.perColumn().entrySet()) {
        long[] n = c.getValue();
        summary.text(
            String.format(
                Locale.ROOT,
                "%-6s %-13s measured %,6d of %,6d rows (%.1f%%)",
                c.getKey(),
                COLUMNS.get(c.getKey()).wireName(),
                n[0],
                n[0] + n[1],
                100.0 * n[0] / Math.max(1, n[0] + n[1])));
      }
      summary.line("readings", readings).line("labels", labels).print(out);
      return 0;
    }
  }
}
