package io.realtimepipelines.fraud.user;

import dev.cel.runtime.CelVariableResolver;
import io.realtimepipelines.model.Transaction;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The variables an expression sees for one transaction (docs/fraud-rule-language.md): its core
 * fields, {@code hour}, its declared attributes, the {@code attributes} map and, in a sequence's
 * second step, {@code first}. Resolved by name when the expression reads them, so nothing is copied
 * per event. An absent optional field is not bound (reading it is a {@link RuleError}); an
 * attribute of another type than declared is reported as such.
 */
final class TxnVars implements CelVariableResolver {
  private final Transaction t;
  private final Map<String, AttributeType> declared;
  private final @Nullable Transaction first;
  private @Nullable String typeProblem;

  TxnVars(Transaction t, Map<String, AttributeType> declared, @Nullable Transaction first) {
    this.t = t;
    this.declared = declared;
    this.first = first;
  }

  /** A wrong-typed attribute met while resolving, else null. */
  @Nullable String typeProblem() {
    return typeProblem;
  }

  @Override
  public Optional<Object> find(String name) {
    Object v = value(t, name);
    if (v != null) {
      return Optional.of(v);
    }
    if ("first".equals(name) && first != null) {
      return Optional.of(new FieldMap(first));
    }
    AttributeType type = declared.get(name);
    if (type != null) {
      Object a = t.getAttributes().get(name);
      if (a == null) {
        return Optional.empty();
      }
      if (!type.accepts(a)) {
        typeProblem =
            "attribute '" + name + "' is " + AttributeType.of(a).json + ", declared " + type.json;
        return Optional.empty();
      }
      return Optional.of(a);
    }
    return Optional.empty();
  }

  /** A core field, {@code hour} or {@code attributes} of {@code t} as CEL sees it, else null. */
  static @Nullable Object value(Transaction t, String name) {
    switch (name) {
      case "amount":
        return t.getAmount().doubleValue();
      case "currency":
        return t.getCurrency();
      case "txnId":
        return t.getTxnId();
      case "accountId":
        return t.getAccountId();
      case "merchantId":
        return t.getMerchantId();
      case "cardId":
        return t.getCardId();
      case "merchantCategory":
        return t.getMerchantCategory();
      case "ip":
        return t.getIp();
      case "deviceId":
        return t.getDeviceId();
      case "country":
        return t.getCountry();
      case "lat":
        return t.getLat();
      case "lon":
        return t.getLon();
      case "hour":
        return Math.floorMod(Math.floorDiv(t.getTimestamp().getMillis(), 3_600_000L), 24L);
      case "attributes":
        return t.getAttributes().asMap();
      default:
        return null;
    }
  }

  /** A field of {@code t} by name: a core field, else an attribute; null when absent. */
  static @Nullable Object field(Transaction t, String name) {
    Object v = "attributes".equals(name) ? null : value(t, name);
    return v != null ? v : t.getAttributes().get(name);
  }

  /** The first step's transaction as {@code first}: its core fields and attributes by name. */
  private static final class FieldMap extends java.util.AbstractMap<String, Object> {
    private final Transaction t;

    FieldMap(Transaction t) {
      this.t = t;
    }

    @Override
    public Object get(Object key) {
      return key instanceof String ? field(t, (String) key) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public java.util.Set<Entry<String, Object>> entrySet() {
      java.util.Map<String, Object> all = new java.util.TreeMap<>(t.getAttributes().asMap());
      for (String core : Expressions.CORE.keySet()) {
        Object v = value(t, core);
        if (v != null && !"attributes".equals(core)) {
          all.put(core, v);
        }
      }
      return all.entrySet();
    }
  }
}
