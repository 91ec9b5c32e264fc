package io.realtimepipelines.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.junit.jupiter.api.Test;

/** A bad line is "not JSON" or "not a JSON object", as the tools reported it with trees. */
class JsonLineTest {
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Line {
    public Object id;
  }

  private static final ObjectReader READER = new ObjectMapper().readerFor(Line.class);

  private static String why(String line) {
    return assertThrows(IllegalArgumentException.class, () -> JsonLine.bind(READER, line))
        .getMessage();
  }

  @Test
  void anObjectIsBoundAndOtherFieldsAreSkipped() {
    assertEquals("a", JsonLine.<Line>bind(READER, "{\"x\":[1,{\"y\":2}],\"id\":\"a\"}").id);
  }

  @Test
  void jsonThatIsNotAnObjectIsNotAJsonObject() {
    assertEquals("not a JSON object", why("[1]"));
    assertEquals("not a JSON object", why("null"));
    assertEquals("not a JSON object", why("17"));
  }

  @Test
  void brokenJsonIsNotJsonEvenWhenItDoesNotStartWithAnObject() {
    assertEquals("not JSON", why("{\"id\":"));
    assertEquals("not JSON", why("[1, x"));
    assertEquals("not JSON", why("not json"));
  }
}
