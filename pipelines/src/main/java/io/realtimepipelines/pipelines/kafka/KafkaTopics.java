package io.realtimepipelines.pipelines.kafka;

import io.realtimepipelines.model.EventType;

/** Default topic names: one input topic per event type, one output topic per job output. */
public final class KafkaTopics {
  private KafkaTopics() {}

  /** The topic an event type is read from unless a --…Topic option names another. */
  public static String input(EventType type) {
    switch (type) {
      case TRANSACTION:
        return "transactions";
      case CLICK:
        return "clicks";
      case INVENTORY:
        return "inventory";
      case COMPETITOR_PRICE:
        return "competitor-prices";
      case VITAL:
        return "vitals";
      case FEEDBACK:
        return "fraud-feedback";
      case METRIC:
        return "metrics";
      default:
        throw new IllegalArgumentException("no topic for " + type);
    }
  }

  /** Output topic of one output of a job: {@code <prefix><job>.<output>}. */
  public static String output(String prefix, String job, String output) {
    return (prefix == null ? "" : prefix) + job + "." + output;
  }

  /** Checks a topic name as Kafka does (legal characters, length). */
  public static String check(String topic, String option) {
    if (topic == null
        || topic.isEmpty()
        || topic.length() > 249
        || !topic.matches("[a-zA-Z0-9._-]+")
        || topic.equals(".")
        || topic.equals("..")) {
      throw new IllegalArgumentException(
          option + " '" + topic + "' is not a valid Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)");
    }
    return topic;
  }
}
