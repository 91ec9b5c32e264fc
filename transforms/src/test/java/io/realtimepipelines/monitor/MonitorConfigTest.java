package io.realtimepipelines.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {
  @Test
  void shippedRulesAreValid() {
    MonitorConfig c = MonitorConfig.defaults();
    assertTrue(c.version.startsWith("monitor-"));
    assertTrue(c.thresholds.size() >= 3);
    assertTrue(c.adaptiveWatches("anything"));
  }

  @Test
  void aUserFileOverridesKeysAndReplacesTheThresholdList() throws Exception {
    MonitorConfig c =
        MonitorConfig.parse(
            "{\"version\":\"mine\",\"window\":{\"minutes\":5},"
                + "\"thresholds\":[{\"name\":\"hot\",\"metric\":\"*\",\"stat\":\"max\",\"above\":9}]}");
    assertEquals(5, c.windowMinutes);
    assertEquals(1, c.thresholds.size());
    assertEquals(Stat.MAX, c.thresholds.get(0).stat);
    assertEquals(MonitorConfig.defaults().historyWindows, c.historyWindows);
  }

  @Test
  void everyProblemOfABadFileIsListed() {
    MonitorConfig.InvalidMonitorConfigException e =
        assertThrows(
            MonitorConfig.InvalidMonitorConfigException.class,
            () ->
                MonitorConfig.parse(
                    "{\"window\":{\"minutes\":0,\"size\":3},"
                        + "\"thresholds\":[{\"name\":\"a\",\"metric\":\"cpu\",\"stat\":\"p42\"},"
                        + "{\"name\":\"a\",\"metric\":\"cpu\",\"stat\":\"mean\",\"above\":1,\"below\":2}],"
                        + "\"adaptive\":{\"minHistory\":100,\"historyWindows\":10,\"direction\":\"sideways\"}}"));
    List<String> p = e.problems();
    String all = String.join("\n", p);
    assertTrue(all.contains("'window.minutes'"), all);
    assertTrue(all.contains("unknown key 'window.size'"), all);
    assertTrue(all.contains("'thresholds[0].stat'"), all);
    assertTrue(all.contains("'thresholds[0]' needs 'above', 'below' or both"), all);
    assertTrue(all.contains("used twice"), all);
    assertTrue(all.contains("'thresholds[1].below'"), all);
    assertTrue(all.contains("'adaptive.minHistory'"), all);
    assertTrue(all.contains("'adaptive.direction'"), all);
    assertEquals(8, p.size(), all);
  }
}
