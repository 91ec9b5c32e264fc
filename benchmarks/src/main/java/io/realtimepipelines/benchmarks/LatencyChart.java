package io.realtimepipelines.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code latency.png}: one curve per measured row (variant at a rate), latency in ms against the
 * percentile, on the usual "1/(1-p)" logarithmic axis (0%, 90%, 99%, 99.9%, 99.99% equally spaced)
 * so the tail is as readable as the median, with a line at the 50 ms target. Drawn from the
 * recorded HdrHistograms through {@link #percentiles}, the same points {@code latency.json} keeps,
 * so a chart can be redrawn from the JSON.
 */
final class LatencyChart {
  static final int WIDTH = 900;
  static final int HEIGHT = 500;

  /** The latency target the chart marks, in ms. */
  static final double TARGET_MS = 50;

  /** Highest percentile plotted: 1/(1-p) = 10,000. */
  static final double TOP_PERCENTILE = 99.99;

  /** Points per factor of 10 on the 1/(1-p) axis. */
  private static final int POINTS_PER_DECADE = 20;

  private static final Color[] COLORS = {
    new Color(0x1f, 0x77, 0xb4),
    new Color(0xff, 0x7f, 0x0e),
    new Color(0x2c, 0xa0, 0x2c),
    new Color(0x94, 0x67, 0xbd),
    new Color(0x8c, 0x56, 0x4b),
    new Color(0xe3, 0x77, 0xc2),
    new Color(0x55, 0x55, 0x55),
    new Color(0x17, 0xbe, 0xcf)
  };

  private LatencyChart() {}

  /** One curve: a legend label and the nanosecond latencies it is drawn from. */
  record Curve(String label, Histogram nanos) {}

  /** A latency distribution as points: percentiles (0..99.99) and the latency at each, in ms. */
  record Percentiles(List<Double> percentile, List<Double> ms) {}

  /**
   * The latency at percentiles spaced evenly on the 1/(1-p) axis from 0 to {@link #TOP_PERCENTILE}
   * ({@value #POINTS_PER_DECADE} per decade, 81 in all); empty for an empty histogram.
   */
  static Percentiles percentiles(Histogram nanos) {
    List<Double> ps = new ArrayList<>();
    List<Double> ms = new ArrayList<>();
    if (nanos.getTotalCount() > 0) {
      int decades = (int) Math.round(Math.log10(100 / (100 - TOP_PERCENTILE)));
      for (int k = 0; k <= decades * POINTS_PER_DECADE; k++) {
        double p = Math.round(1e6 * (1 - Math.pow(10, -(double) k / POINTS_PER_DECADE))) / 1e4;
        ps.add(p);
        ms.add(Math.round(nanos.getValueAtPercentile(p) / 1000.0) / 1000.0);
      }
    }
    return new Percentiles(ps, ms);
  }

  /** Writes the chart of {@code curves} (empty ones left out) to {@code file} as a PNG. */
  static void write(String title, List<Curve> curves, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection data = new XYSeriesCollection();
    double maxMs = TARGET_MS;
    for (Curve c : curves) {
      Percentiles p = percentiles(c.nanos());
      if (p.ms().isEmpty()) {
        continue;
      }
      // A label may repeat (the same variant and rate twice); the collection needs unique keys.
      String key = c.label();
      for (int n = 2; data.getSeriesIndex(key) >= 0; n++) {
        key = c.label() + " #" + n;
      }
      XYSeries s = new XYSeries(key, false, true);
      for (int i = 0; i < p.ms().size(); i++) {
        s.add(oneOverOneMinus(p.percentile().get(i)), p.ms().get(i));
        maxMs = Math.max(maxMs, p.ms().get(i));
      }
      data.addSeries(s);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "percentile",
            "latency (ms)",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    chart.setBackgroundPaint(Color.WHITE);
    // Room on the right for the last tick label, "99.99%", which is centred on the plot's edge.
    chart.setPadding(new RectangleInsets(4, 4, 4, 24));
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);

    LogAxis x = new LogAxis("percentile");
    x.setBase(10);
    x.setTickUnit(new NumberTickUnit(1));
    x.setMinorTickMarksVisible(false);
    x.setNumberFormatOverride(new PercentileFormat());
    // A hair beyond 10,000, or rounding in 10^4 drops the 99.99% tick.
    x.setRange(1, oneOverOneMinus(TOP_PERCENTILE) * 1.001);
    plot.setDomainAxis(x);

    NumberAxis y = (NumberAxis) plot.getRangeAxis();
    y.setNumberFormatOverride(new DecimalFormat("#,##0"));
    y.setRange(0, maxMs * 1.08);

    ValueMarker target = new ValueMarker(TARGET_MS);
    target.setPaint(new Color(0xd6, 0x27, 0x28));
    target.setStroke(
        new BasicStroke(
            1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    target.setLabel("50 ms target");
    target.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    target.setLabelPaint(new Color(0xd6, 0x27, 0x28));
    target.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    target.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    target.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    plot.addRangeMarker(target);

    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, COLORS[i % COLORS.length]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }

  /** Where percentile {@code p} (0..100) sits on the axis: 1/(1-p). */
  static double oneOverOneMinus(double p) {
    return 1 / (1 - p / 100);
  }

  /** Labels a 1/(1-p) axis value with its percentile: 10 is "90%", 1,000 is "99.9%". */
  private static final class PercentileFormat extends NumberFormat {
    private final DecimalFormat percent = new DecimalFormat("0.####");

    @Override
    public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
      return to.append(percent.format(100 * (1 - 1 / v))).append('%');
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
      return format((double) v, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      throw new UnsupportedOperationException("labels only");
    }
  }
}
