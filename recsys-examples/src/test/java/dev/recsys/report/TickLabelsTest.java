package dev.recsys.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.Chart;

/** The report's plots label their ticks one way: a leading zero before the decimal point, never ".05" beside "0.1". */
class TickLabelsTest {
  /**
   * The tick labels of a chart's axes after it was drawn, read from xchart's axis tick calculators (xchart draws text
   * as outlines, so the picture itself holds no strings); category names are left out.
   */
  static List<String> numbers(Chart<?, ?> chart) throws Exception {
    BitmapEncoder.getBufferedImage(chart);
    java.lang.reflect.Field pair = Chart.class.getDeclaredField("axisPair");
    pair.setAccessible(true);
    Object axes = pair.get(chart);
    List<String> out = new ArrayList<>();
    for (String getter : List.of("getXAxis", "getYAxis")) {
      java.lang.reflect.Method m = axes.getClass().getDeclaredMethod(getter);
      m.setAccessible(true);
      Axis<?, ?> axis = (Axis<?, ?>) m.invoke(axes);
      for (String label : axis.getAxisTickCalculator().getTickLabels()) {
        if (label != null && label.strip().matches("-?[0-9,]*\\.?[0-9]+")) {
          out.add(label.strip());
        }
      }
    }
    return out;
  }

  private static XYChart xy() {
    XYChart c = new XYChartBuilder().width(600).height(400).title("t").build();
    c.addSeries("s", new double[] {0.02, 0.11, 0.23, 0.31}, new double[] {0.01, 0.07, 0.18, 0.26});
    return c;
  }

  private static CategoryChart bars() {
    CategoryChart c = new CategoryChartBuilder().width(600).height(400).title("t").build();
    c.addSeries("s", List.of("a", "b", "c"), List.of(0.04, 0.13, 0.27));
    return c;
  }

  @Test
  void styledPlotsPutALeadingZeroOnEveryDecimalTick() throws Exception {
    XYChart xy = xy();
    HtmlReport.style(xy.getStyler());
    CategoryChart bars = bars();
    HtmlReport.style(bars.getStyler());
    for (Chart<?, ?> c : List.of(xy, bars)) {
      List<String> ticks = numbers(c);
      assertTrue(ticks.size() >= 4, "tick labels drawn: " + ticks);
      for (String t : ticks) {
        assertFalse(t.startsWith(".") || t.startsWith("-."), "a tick without its leading zero: " + t + " in " + ticks);
      }
      assertTrue(ticks.stream().anyMatch(t -> t.startsWith("0.")), ticks.toString());
    }
  }

  @Test
  void unstyledPlotsWouldMixTheFormats() throws Exception {
    // the check above can fail: xchart's own pattern drops the leading zero
    List<String> ticks = numbers(xy());
    assertTrue(ticks.stream().anyMatch(t -> t.startsWith(".")), "xchart's default labels: " + ticks);
  }
}
