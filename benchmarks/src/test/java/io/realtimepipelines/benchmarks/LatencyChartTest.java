package io.realtimepipelines.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latency chart and its percentile points, from synthetic histograms. */
class LatencyChartTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Latencies of 1, 2, .., n ms plus {@code offsetMs}, in nanoseconds. */
  private static Histogram uniformMs(int n, long offsetMs) {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= n; i++) {
      h.recordValue((offsetMs + i) * 1_000_000L);
    }
    return h;
  }

  @Test
  void chartOfSeveralRowsIsAPngOfTheHouseSize(@TempDir Path tmp) throws Exception {
    Path png = tmp.resolve("latency.png");
    LatencyChart.write(
        "Kafka -> fraud decision latency",
        List.of(
            new LatencyChart.Curve("default @200/s", uniformMs(2_000, 0)),
            new LatencyChart.Curve("tuned @200/s", uniformMs(2_000, 1_000)),
            new LatencyChart.Curve("tuned @200/s", uniformMs(10, 0)),
            new LatencyChart.Curve("nothing decided", new Histogram(3))),
        png);

    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(900, image.getWidth());
    assertEquals(500, image.getHeight());
  }

  @Test
  void percentilesRunFromZeroTo9999EvenlyOnTheOneOverOneMinusAxis() {
    LatencyChart.Percentiles p = LatencyChart.percentiles(uniformMs(10_000, 0));

    assertEquals(81, p.percentile().size());
    assertEquals(81, p.ms().size());
    assertEquals(0.0, p.percentile().get(0));
    assertEquals(90.0, p.percentile().get(20));
    assertEquals(99.0, p.percentile().get(40));
    assertEquals(99.9, p.percentile().get(60));
    assertEquals(99.99, p.percentile().get(80));
    // 1..10,000 ms: the p-th percentile is about p% of 10 s (HdrHistogram keeps 3 digits).
    assertEquals(1.0, p.ms().get(0), 0.01);
    assertEquals(9_000, p.ms().get(20), 9);
    assertEquals(9_900, p.ms().get(40), 10);
    assertEquals(9_999, p.ms().get(80), 10);
    for (int i = 1; i < p.ms().size(); i++) {
      assertTrue(p.ms().get(i) >= p.ms().get(i - 1), "latency never falls with the percentile");
    }
  }

  @Test
  void emptyHistogramHasNoPoints() {
    LatencyChart.Percentiles p = LatencyChart.percentiles(new Histogram(3));

    assertEquals(List.of(), p.percentile());
    assertEquals(List.of(), p.ms());
  }
}
