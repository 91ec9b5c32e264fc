package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a shopper did with a product. */
public enum ClickAction {
  VIEW("view"),
  ADD_TO_CART("add_to_cart"),
  PURCHASE("purchase");

  private final String wireName;

  ClickAction(String wireName) {
    this.wireName = wireName;
  }

  /** The value used in JSON events. */
  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The action for a JSON value, or null when there is none. */
  public static ClickAction fromWireName(String value) {
    for (ClickAction a : values()) {
      if (a.wireName.equals(value)) {
        return a;
      }
    }
    return null;
  }
}
