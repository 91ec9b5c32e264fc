package io.realtimepipelines.fraud.user;

import io.realtimepipelines.fraud.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reason with {@code {placeholders}}, parsed once per rules version. */
final class Template implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.]*)}");

  private final List<String> parts = new ArrayList<>(); // text, name, text, name, ..., text

  /** Parses {@code text}; a placeholder {@code known} does not accept is a problem. */
  static Template parse(
      String path, String text, Function<String, Boolean> known, Consumer<String> problems) {
    Template t = new Template();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      t.parts.add(text.substring(at, m.start()));
      String name = m.group(1);
      if (!known.apply(name)) {
        problems.accept(path + ": unknown placeholder {" + name + "}");
      }
      t.parts.add(name);
      at = m.end();
    }
    t.parts.add(text.substring(at));
    return t;
  }

  /** The sentence, each placeholder replaced by {@code values} (absent: {@code ?}). */
  String render(Function<String, Object> values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i % 2 == 0) {
        out.append(parts.get(i));
      } else {
        String name = parts.get(i);
        Object v = values.apply(name);
        boolean amount = name.equals("amount") || name.endsWith(".amount");
        out.append(
            amount && v instanceof Number ? Texts.money(((Number) v).doubleValue()) : format(v));
      }
    }
    return out.toString();
  }

  static String format(Object v) {
    if (v == null) {
      return "?";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return Texts.money(d);
    }
    return v.toString();
  }

  /** Placeholders every rule may use besides the transaction's fields. */
  static final Set<String> NONE = Set.of();
}
