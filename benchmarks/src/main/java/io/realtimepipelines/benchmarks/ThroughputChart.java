package io.realtimepipelines.benchmarks;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * {@code throughput.png}: median events/s per job (groups) and runner (bars), the baseline
 * included, on a logarithmic axis because the baseline and the Direct runner are orders of
 * magnitude apart. Failed cells have no bar.
 */
final class ThroughputChart {
  private ThroughputChart() {}

  static void write(List<Cell> cells, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    double min = Double.MAX_VALUE;
    double max = 1;
    for (Cell c : cells) {
      if (c.ok()) {
        double v = c.medianEventsPerSecond();
        data.addValue(v, c.label(), c.job().jobName());
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Throughput (median events/s, log scale)",
            "job",
            "events/s",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    chart.setBackgroundPaint(Color.WHITE);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    LogAxis axis = new LogAxis("events/s");
    axis.setBase(10);
    axis.setTickUnit(new NumberTickUnit(1));
    axis.setNumberFormatOverride(new DecimalFormat("#,##0"));
    axis.setSmallestValue(1);
    if (min != Double.MAX_VALUE) {
      axis.setRange(Math.max(1, min / 3), max * 3);
    }
    plot.setRangeAxis(axis);
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0")));
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    Color[] colors = {
      new Color(0x55, 0x55, 0x55),
      new Color(0x1f, 0x77, 0xb4),
      new Color(0xff, 0x7f, 0x0e),
      new Color(0x2c, 0xa0, 0x2c),
      new Color(0xd6, 0x27, 0x28)
    };
    for (int i = 0; i < data.getRowCount(); i++) {
      renderer.setSeriesPaint(i, colors[i % colors.length]);
    }
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 500);
  }
}
