package io.realtimepipelines.tools.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** The offline measures against a click stream worked out by hand. */
class RecommendEvaluationTest {
  private static ClickEvent click(
      String id, String session, String product, ClickAction action, long second) {
    return ClickEvent.builder()
        .setEventId(id)
        .setSessionId(session)
        .setProductId(product)
        .setCategory("c")
        .setAction(action)
        .setPrice(BigDecimal.ONE)
        .setTimestamp(new Instant(second * 1000))
        .build();
  }

  @Test
  void listsAreJudgedOnTheNextViewAndBaselinesCountOnlyEarlierClicks() {
    List<ClickEvent> clicks =
        List.of(
            click("e1", "s1", "a", ClickAction.VIEW, 0),
            click("e2", "s2", "a", ClickAction.VIEW, 1),
            click("e3", "s1", "b", ClickAction.VIEW, 2),
            click("e4", "s2", "c", ClickAction.VIEW, 3),
            click("e5", "s2", "d", ClickAction.PURCHASE, 4),
            click("e8", "s5", "q", ClickAction.VIEW, 7),
            click("e9", "s5", "r", ClickAction.VIEW, 8),
            // the same instant as e9: no baseline may count it when judging e9
            click("e10", "s6", "r", ClickAction.VIEW, 8));
    Map<String, List<String>> lists =
        Map.of(
            "e1", List.of("b", "x"), // shown before e3: b at rank 1
            "e2", List.of("x", "y", "c"), // shown before e4: c at rank 3; d bought later: not there
            "e8", List.of("r")); // shown before e9: rank 1
    RecommendEvaluation.Report r = RecommendEvaluation.evaluate(clicks, lists, 10);

    assertEquals(3, r.job().views);
    assertEquals(3, r.job().hits);
    assertEquals((1 + 1.0 / 3 + 1) / 3, r.job().mrr(), 1e-12);
    assertEquals(1, r.job().purchaseViews, "e4 is followed by the purchase of d");
    assertEquals(0.0, r.job().purchaseRecall());
    // Global popularity: before e3 only a (on screen: left out); before e4 a and b, a on screen,
    // so [b]; before e9 a, b, c, d, q with q on screen: never r, which is first clicked at e9's
    // instant.
    assertEquals(0, r.global().hits);
    assertEquals(0, r.category().hits);
    assertEquals(
        0,
        r.job().warmViews,
        "no judged view's product had been clicked before it: r is first clicked at e9's own instant");
  }
}
