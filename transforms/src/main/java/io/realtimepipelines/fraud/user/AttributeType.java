package io.realtimepipelines.fraud.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;

/** The type a rules file declares for an attribute. */
public enum AttributeType {
  NUMBER("number", SimpleType.DOUBLE, Double.class),
  STRING("string", SimpleType.STRING, String.class),
  BOOLEAN("boolean", SimpleType.BOOL, Boolean.class);

  final String json;
  final transient CelType cel;
  private final Class<?> javaType;

  AttributeType(String json, CelType cel, Class<?> javaType) {
    this.json = json;
    this.cel = cel;
    this.javaType = javaType;
  }

  boolean accepts(Object value) {
    return javaType.isInstance(value);
  }

  static AttributeType of(Object value) {
    return value instanceof Double ? NUMBER : value instanceof String ? STRING : BOOLEAN;
  }

  @JsonValue
  public String json() {
    return json;
  }

  @JsonCreator
  static AttributeType fromJson(String name) {
    for (AttributeType t : values()) {
      if (t.json.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("attribute type must be number, string or boolean");
  }
}
