package io.realtimepipelines.benchmarks;

import io.realtimepipelines.model.EventType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The jobs the harness measures, with the event type of their input file. */
enum JobKind {
  VALIDATE(EventType.TRANSACTION),
  FRAUD(EventType.TRANSACTION),
  PRICING(EventType.CLICK),
  RECOMMEND(EventType.CLICK),
  VITALS(EventType.VITAL),
  MONITOR(EventType.METRIC);

  private final EventType input;

  JobKind(EventType input) {
    this.input = input;
  }

  /**
   * The launcher's name of the job: {@code validate}, {@code fraud}, {@code pricing}, {@code
   * recommend}, {@code vitals}, {@code monitor}.
   */
  String jobName() {
    return name().toLowerCase(Locale.ROOT);
  }

  EventType inputType() {
    return input;
  }

  static JobKind fromName(String name) {
    for (JobKind j : values()) {
      if (j.jobName().equals(name.trim().toLowerCase(Locale.ROOT))) {
        return j;
      }
    }
    throw new IllegalArgumentException(
        "unknown job '"
            + name
            + "'; jobs: "
            + Arrays.stream(values()).map(JobKind::jobName).collect(Collectors.joining(", ")));
  }
}
