package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.google.auto.value.AutoValue;
import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The extra fields of a transaction that its core format does not know (e.g. a ledger's {@code
 * type} or {@code balanceBefore}): each a number (double), a string or a boolean, by name. User
 * fraud rules read them (docs/fraud-rule-language.md). Immutable; {@link #EMPTY} when a record
 * carries none. Kept as three maps by type so the transaction's Beam schema can hold them; written
 * in JSON as one flat object.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class Attributes implements Serializable {
  private static final long serialVersionUID = 1L;

  /** At most this many attributes per record. */
  public static final int MAX_COUNT = 64;

  /** Longest attribute name and longest string value. */
  public static final int MAX_NAME_LENGTH = 64;

  public static final int MAX_STRING_LENGTH = 256;

  public static final Attributes EMPTY =
      create(Collections.emptyMap(), Collections.emptyMap(), Collections.emptyMap());

  /** Numeric attributes by name. */
  public abstract Map<String, Double> getNumbers();

  /** String attributes by name. */
  public abstract Map<String, String> getStrings();

  /** Boolean attributes by name. */
  public abstract Map<String, Boolean> getFlags();

  /** The schema's (and the coder's) way in: copies into sorted, unmodifiable maps. */
  @SchemaCreate
  public static Attributes create(
      Map<String, Double> numbers, Map<String, String> strings, Map<String, Boolean> flags) {
    if (numbers.isEmpty() && strings.isEmpty() && flags.isEmpty() && EMPTY != null) {
      return EMPTY;
    }
    return new AutoValue_Attributes(sorted(numbers), sorted(strings), sorted(flags));
  }

  /**
   * Attributes from values of type {@link Double} (or any other {@link Number}), {@link String} or
   * {@link Boolean}; {@code null} values are left out.
   */
  public static Attributes of(Map<String, ?> values) {
    Map<String, Double> numbers = new TreeMap<>();
    Map<String, String> strings = new TreeMap<>();
    Map<String, Boolean> flags = new TreeMap<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Number) {
        numbers.put(e.getKey(), ((Number) v).doubleValue());
      } else if (v instanceof String) {
        strings.put(e.getKey(), (String) v);
      } else if (v instanceof Boolean) {
        flags.put(e.getKey(), (Boolean) v);
      } else if (v != null) {
        throw new IllegalArgumentException(
            "attribute '" + e.getKey() + "' must be a number, string or boolean, got " + v);
      }
    }
    return create(numbers, strings, flags);
  }

  private static <V> SortedMap<String, V> sorted(Map<String, V> m) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(m));
  }

  /** How many attributes there are. */
  public final int size() {
    return getNumbers().size() + getStrings().size() + getFlags().size();
  }

  public final boolean isEmpty() {
    return size() == 0;
  }

  /** The value of {@code name} (a Double, String or Boolean), or null when absent. */
  public final @Nullable Object get(String name) {
    Object v = getNumbers().get(name);
    if (v == null) {
      v = getStrings().get(name);
    }
    if (v == null) {
      v = getFlags().get(name);
    }
    return v;
  }

  /** Every attribute by name, sorted; how the JSON form writes them. */
  @JsonValue
  public final SortedMap<String, Object> asMap() {
    SortedMap<String, Object> all = new TreeMap<>(getNumbers());
    all.putAll(getStrings());
    all.putAll(getFlags());
    return all;
  }
}
