package io.realtimepipelines.validation;

import io.realtimepipelines.model.ClickAction;
import io.realtimepipelines.model.ClickEvent;
import io.realtimepipelines.model.CompetitorPrice;
import io.realtimepipelines.model.ErrorCode;
import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventType;
import io.realtimepipelines.model.FraudFeedback;
import io.realtimepipelines.model.InventoryUpdate;
import io.realtimepipelines.model.MetricSample;
import io.realtimepipelines.model.Transaction;
import io.realtimepipelines.model.VitalMetric;
import io.realtimepipelines.model.VitalSign;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The contract of each input event type, as code. The README's event formats mirror this. */
public final class EventParsers {
  /** Amounts above this are taken as data errors (e.g. minor units sent as major units). */
  public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");

  private static final Set<String> CURRENCIES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toUnmodifiableSet());
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private EventParsers() {}

  /** The parser for an event type. */
  @SuppressWarnings("unchecked")
  public static <T extends Event> EventParser<T> forType(EventType type) {
    switch (type) {
      case TRANSACTION:
        return (EventParser<T>) (EventParser<Transaction>) EventParsers::transaction;
      case CLICK:
        return (EventParser<T>) (EventParser<ClickEvent>) EventParsers::click;
      case INVENTORY:
        return (EventParser<T>) (EventParser<InventoryUpdate>) EventParsers::inventory;
      case COMPETITOR_PRICE:
        return (EventParser<T>) (EventParser<CompetitorPrice>) EventParsers::competitorPrice;
      case VITAL:
        return (EventParser<T>) (EventParser<VitalSign>) EventParsers::vital;
      case FEEDBACK:
        return (EventParser<T>) (EventParser<FraudFeedback>) EventParsers::feedback;
      case METRIC:
        return (EventParser<T>) (EventParser<MetricSample>) EventParsers::metric;
      default:
        throw new IllegalArgumentException("no parser for event type " + type);
    }
  }

  static Transaction transaction(JsonFields f) throws ValidationException {
    String txnId = f.requiredId("txnId");
    String accountId = f.requiredId("accountId");
    String cardId = f.optionalId("cardId");
    BigDecimal amount = f.requiredDecimal("amount");
    if (amount.signum() <= 0) {
      throw JsonFields.invalid("amount", "must be greater than 0, got " + amount.toPlainString());
    }
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      throw JsonFields.invalid(
          "amount", "must be at most 1000000000, got " + amount.stripTrailingZeros());
    }
    String currency = f.optionalString("currency");
    if (currency == null) {
      currency = "USD";
    } else if (!CURRENCIES.contains(currency)) {
      throw JsonFields.invalid(
          "currency",
          "must be an ISO 4217 code such as USD or EUR, got '" + JsonFields.quote(currency) + "'");
    }
    String merchantId = f.requiredId("merchantId");
    String merchantCategory = f.optionalId("merchantCategory");
    String ip = f.optionalString("ip");
    if (ip != null && !IpAddresses.isValid(ip)) {
      throw JsonFields.invalid(
          "ip", "must be an IPv4 or IPv6 address, got '" + JsonFields.quote(ip) + "'");
    }
    String deviceId = f.optionalId("deviceId");
    String country = f.optionalString("country");
    if (country != null && !COUNTRIES.contains(country)) {
      throw JsonFields.invalid(
          "country",
          "must be an ISO 3166 alpha-2 code such as US or DE, got '"
              + JsonFields.quote(country)
              + "'");
    }
    Double lat = f.optionalDouble("lat");
    Double lon = f.optionalDouble("lon");
    if ((lat == null) != (lon == null)) {
      throw JsonFields.invalid(
          lat == null ? "lat" : "lon",
          "must be given together with " + (lat == null ? "lon" : "lat") + " (both or neither)");
    }
    if (lat != null && (lat < -90 || lat > 90)) {
      throw JsonFields.invalid("lat", "must be between -90 and 90 degrees, got " + lat);
    }
    if (lon != null && (lon < -180 || lon > 180)) {
      throw JsonFields.invalid("lon", "must be between -180 and 180 degrees, got " + lon);
    }
    return Transaction.builder()
        .setTxnId(txnId)
        .setAccountId(accountId)
        .setCardId(cardId)
        .setAmount(amount)
        .setCurrency(currency)
        .setMerchantId(merchantId)
        .setMerchantCategory(merchantCategory)
        .setIp(ip)
        .setDeviceId(deviceId)
        .setCountry(country)
        .setLat(lat)
        .setLon(lon)
        .setTimestamp(f.requiredTimestamp("timestamp"))
        .setAttributes(f.attributes(TRANSACTION_FIELDS))
        .build();
  }

  /**
   * The core fields of a transaction (its JSON property order, attributes included); other scalar
   * top-level fields become attributes.
   */
  public static final Set<String> TRANSACTION_FIELDS =
      Set.of(
          Transaction.class
              .getAnnotation(com.fasterxml.jackson.annotation.JsonPropertyOrder.class)
              .value());

  static ClickEvent click(JsonFields f) throws ValidationException {
    String eventId = f.requiredId("eventId");
    String sessionId = f.requiredId("sessionId");
    String userId = f.optionalId("userId");
    String productId = f.requiredId("productId");
    String category = f.optionalId("category");
    String brand = f.optionalId("brand");
    String actionName = f.optionalString("action");
    if (actionName == null) {
      throw JsonFields.missing("action");
    }
    ClickAction action = ClickAction.fromWireName(actionName);
    if (action == null) {
      throw unknownEnum("action", actionName, ClickAction.values());
    }
    BigDecimal price = f.requiredDecimal("price");
    if (price.signum() < 0) {
      throw JsonFields.invalid("price", "must be at least 0, got " + price.toPlainString());
    }
    if (price.compareTo(MAX_AMOUNT) > 0) {
      throw JsonFields.invalid("price", "must be at most 1000000000, got " + price.toPlainString());
    }
    Long quantity = f.optionalLong("quantity");
    if (quantity == null) {
      quantity = 1L;
    } else if (quantity < 1 || quantity > 1_000_000) {
      throw JsonFields.invalid("quantity", "must be between 1 and 1000000, got " + quantity);
    }
    return ClickEvent.builder()
        .setEventId(eventId)
        .setSessionId(sessionId)
        .setUserId(userId)
        .setProductId(productId)
        .setCategory(category)
        .setBrand(brand)
        .setAction(action)
        .setPrice(price)
        .setQuantity(quantity.intValue())
        .setTimestamp(f.requiredTimestamp("timestamp"))
        .build();
  }

  static InventoryUpdate inventory(JsonFields f) throws ValidationException {
    String productId = f.requiredId("productId");
    long stock = f.requiredLong("stock");
    if (stock < 0) {
      throw JsonFields.invalid("stock", "must be at least 0, got " + stock);
    }
    return InventoryUpdate.of(productId, stock, f.requiredTimestamp("timestamp"));
  }

  static CompetitorPrice competitorPrice(JsonFields f) throws ValidationException {
    String productId = f.requiredId("productId");
    String competitor = f.requiredId("competitor");
    BigDecimal price = f.requiredDecimal("price");
    if (price.signum() <= 0) {
      throw JsonFields.invalid("price", "must be greater than 0, got " + price.toPlainString());
    }
    if (price.compareTo(MAX_AMOUNT) > 0) {
      throw JsonFields.invalid("price", "must be at most 1000000000, got " + price.toPlainString());
    }
    return CompetitorPrice.of(productId, competitor, price, f.requiredTimestamp("timestamp"));
  }

  static VitalSign vital(JsonFields f) throws ValidationException {
    String patientId = f.requiredId("patientId");
    String deviceId = f.requiredId("deviceId");
    String metricName = f.optionalString("metric");
    if (metricName == null) {
      throw JsonFields.missing("metric");
    }
    VitalMetric metric = VitalMetric.fromWireName(metricName);
    if (metric == null) {
      throw unknownEnum("metric", metricName, VitalMetric.values());
    }
    double value = f.requiredDouble("value");
    String unit = f.optionalString("unit");
    if (unit != null && !metric.accepts(unit)) {
      throw JsonFields.invalid(
          "unit",
          "must be '"
              + metric.unit()
              + "'"
              + (metric == VitalMetric.TEMPERATURE ? " or '" + VitalMetric.FAHRENHEIT + "'" : "")
              + " for metric "
              + metric.wireName()
              + ", got '"
              + JsonFields.quote(unit)
              + "'");
    }
    return VitalSign.of(patientId, deviceId, metric, value, unit, f.requiredTimestamp("timestamp"));
  }

  static FraudFeedback feedback(JsonFields f) throws ValidationException {
    String txnId = f.requiredId("txnId");
    String accountId = f.requiredId("accountId");
    String merchantId = f.requiredId("merchantId");
    Boolean fraud = f.optionalBoolean("fraud");
    if (fraud == null) {
      throw JsonFields.missing("fraud");
    }
    return FraudFeedback.of(txnId, accountId, merchantId, fraud, f.requiredTimestamp("timestamp"));
  }

  /** Longest metric name and unit. */
  static final int MAX_METRIC_LENGTH = 64;

  static final int MAX_UNIT_LENGTH = 16;

  static MetricSample metric(JsonFields f) throws ValidationException {
    String source = f.requiredId("source");
    String metric = f.requiredId("metric");
    if (metric.length() > MAX_METRIC_LENGTH || !metric.matches("[a-z][a-z0-9_.-]*")) {
      throw JsonFields.invalid(
          "metric",
          "must be 1-"
              + MAX_METRIC_LENGTH
              + " of a-z 0-9 _ . - starting with a letter, got '"
              + JsonFields.quote(metric)
              + "'");
    }
    double value = f.requiredDouble("value");
    String unit = f.optionalString("unit");
    if (unit != null
        && (unit.isBlank()
            || unit.length() > MAX_UNIT_LENGTH
            || JsonFields.unprintable(unit) >= 0)) {
      throw JsonFields.invalid(
          "unit",
          "must be 1-"
              + MAX_UNIT_LENGTH
              + " printable characters, got '"
              + JsonFields.quote(unit)
              + "'");
    }
    return MetricSample.of(source, metric, value, unit, f.requiredTimestamp("timestamp"));
  }

  private static ValidationException unknownEnum(String field, String value, Enum<?>[] allowed) {
    String names =
        Arrays.stream(allowed)
            .map(
                e ->
                    e instanceof ClickAction
                        ? ((ClickAction) e).wireName()
                        : ((VitalMetric) e).wireName())
            .collect(Collectors.joining(", "));
    return new ValidationException(
        ErrorCode.UNKNOWN_ENUM,
        field,
        "field '"
            + field
            + "' must be one of ["
            + names
            + "], got '"
            + JsonFields.quote(value)
            + "'");
  }
}
