package io.realtimepipelines.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a JSON configuration (fraud rules, pricing policy) key by key with defaults and ranges,
 * collecting every problem instead of stopping at the first, so that a rejected file lists all that
 * is wrong with it. Unknown keys are problems too: a typo never silently keeps a default.
 */
public final class JsonConfigReader {
  private final JsonNode root;
  private final List<String> problems = new ArrayList<>();

  /**
   * {@code knownKeys} maps each object's dotted path ({@code ""} for the top level, e.g. {@code
   * "rules.ipBurst"}) to the keys it may have.
   */
  public JsonConfigReader(JsonNode root, Map<String, Set<String>> knownKeys) {
    this.root = root;
    for (String section : new TreeSet<>(knownKeys.keySet())) {
      JsonNode n = section.isEmpty() ? root : at(section);
      if (n == null) {
        continue;
      }
      if (!n.isObject()) {
        problem("'" + section + "' must be an object, got " + n);
        continue;
      }
      Set<String> known = knownKeys.get(section);
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!known.contains(k)) {
          String path = section.isEmpty() ? k : section + "." + k;
          problem(
              "unknown key '"
                  + path
                  + "' (known: "
                  + String.join(", ", new TreeSet<>(known))
                  + ")");
        }
      }
    }
  }

  /**
   * The text of a shipped rules file that the build copied next to {@code owner}'s class
   * (transforms/pom.xml copies rules/*.json there): the only place default values are kept.
   */
  public static String shipped(Class<?> owner, String resource) {
    try (java.io.InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource
                + " is missing from the classpath next to "
                + owner.getName()
                + " (the build copies rules/"
                + resource
                + " there)");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * {@code over} merged into {@code base} (changed in place): keys {@code over} names replace
   * base's values, objects merge key by key, anything else (lists too) is replaced whole.
   */
  public static JsonNode merge(JsonNode base, JsonNode over) {
    if (!base.isObject() || !over.isObject()) {
      return over;
    }
    ObjectNode out = (ObjectNode) base;
    for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode b = out.get(e.getKey());
      out.set(e.getKey(), b == null ? e.getValue() : merge(b, e.getValue()));
    }
    return out;
  }

  public void problem(String p) {
    problems.add(p);
  }

  /** Every problem found so far, in the order found. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The node at a dotted path, or null when absent or JSON null. */
  public JsonNode at(String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      n = n == null || !n.isObject() ? null : n.get(part);
    }
    return n == null || n.isNull() ? null : n;
  }

  /** A required non-empty string. */
  public String requiredText(String path) {
    JsonNode n = at(path);
    if (n == null) {
      problem("'" + path + "' is required");
      return "";
    }
    if (!n.isTextual() || n.textValue().isBlank()) {
      problem("'" + path + "' must be a non-empty string, got " + n);
      return "";
    }
    return n.textValue();
  }

  public int integer(String path, int dflt, int min, int max) {
    JsonNode n = at(path);
    if (n == null) {
      return dflt;
    }
    if (!n.isIntegralNumber() || n.longValue() < min || n.longValue() > max) {
      problem("'" + path + "' must be a whole number from " + min + " to " + max + ", got " + n);
      return dflt;
    }
    return n.intValue();
  }

  public double decimal(String path, double dflt, double min, double max) {
    JsonNode n = at(path);
    if (n == null) {
      return dflt;
    }
    if (!n.isNumber() || n.doubleValue() < min || n.doubleValue() > max) {
      problem("'" + path + "' must be a number from " + min + " to " + max + ", got " + n);
      return dflt;
    }
    return n.doubleValue();
  }

  /** An exact decimal within [min, max]. */
  public BigDecimal exact(String path, String dflt, String min, String max, String what) {
    JsonNode n = at(path);
    if (n == null) {
      return new BigDecimal(dflt);
    }
    if (!n.isNumber()
        || n.decimalValue().compareTo(new BigDecimal(min)) < 0
        || n.decimalValue().compareTo(new BigDecimal(max)) > 0) {
      problem("'" + path + "' must be " + what + " from " + min + " to " + max + ", got " + n);
      return new BigDecimal(dflt);
    }
    return n.decimalValue().stripTrailingZeros();
  }

  /** An amount greater than zero. */
  public BigDecimal amount(String path, String dflt) {
    JsonNode n = at(path);
    if (n == null) {
      return new BigDecimal(dflt);
    }
    if (!n.isNumber() || n.decimalValue().signum() <= 0) {
      problem("'" + path + "' must be an amount greater than 0, got " + n);
      return new BigDecimal(dflt);
    }
    return n.decimalValue();
  }

  public boolean bool(String path, boolean dflt) {
    JsonNode n = at(path);
    if (n == null) {
      return dflt;
    }
    if (!n.isBoolean()) {
      problem("'" + path + "' must be true or false, got " + n);
      return dflt;
    }
    return n.booleanValue();
  }

  public Set<String> stringSet(String path) {
    JsonNode n = at(path);
    Set<String> out = new HashSet<>();
    if (n == null) {
      return out;
    }
    if (!n.isArray()) {
      problem("'" + path + "' must be an array of strings");
      return out;
    }
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        problem("'" + path + "' must hold only strings, got " + e);
      } else {
        out.add(e.textValue());
      }
    }
    return out;
  }
}
