package io.realtimepipelines.pipelines.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Kafka client properties from the file given by {@code --kafkaProperties} (security protocol,
 * SASL, TLS, tuning). Secrets stay out of it: values may reference them with Kafka's config
 * providers, {@code ${env:NAME}} (environment) and {@code ${file:/path/secret.properties:key}},
 * which the Kafka client resolves itself on the worker; the providers are registered here when the
 * file uses them. Values are never printed.
 */
public final class KafkaClientConfig {
  /** Set by the job from its own options; the file may not override them. */
  private static final List<String> RESERVED =
      List.of(
          "bootstrap.servers",
          "group.id",
          "key.deserializer",
          "value.deserializer",
          "key.serializer",
          "value.serializer",
          "enable.auto.commit",
          "transactional.id");

  private KafkaClientConfig() {}

  /** The properties of {@code file} (null: none) as a client config map. */
  public static Map<String, Object> load(String file) {
    Map<String, Object> config = new HashMap<>();
    if (file == null || file.isBlank()) {
      return config;
    }
    Path path = Paths.get(file);
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read --kafkaProperties=" + file + ": " + e.getClass().getSimpleName(), e);
    }
    boolean usesEnv = false;
    boolean usesFile = false;
    for (String name : props.stringPropertyNames()) {
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException(
            "--kafkaProperties="
                + file
                + " sets '"
                + name
                + "', which the job sets itself; use "
                + (name.equals("bootstrap.servers")
                    ? "--bootstrapServers"
                    : name.equals("group.id") ? "--consumerGroup" : "the job's options")
                + " instead");
      }
      String value = props.getProperty(name);
      usesEnv |= value.contains("${env:");
      usesFile |= value.contains("${file:");
      config.put(name, value);
    }
    if ((usesEnv || usesFile) && !config.containsKey("config.providers")) {
      StringBuilder providers = new StringBuilder();
      if (usesEnv) {
        providers.append("env");
        config.put(
            "config.providers.env.class",
            "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
      }
      if (usesFile) {
        providers.append(providers.length() > 0 ? ",file" : "file");
        config.put(
            "config.providers.file.class",
            "org.apache.kafka.common.config.provider.FileConfigProvider");
      }
      config.put("config.providers", providers.toString());
    }
    return config;
  }

  /** The names (never the values) of the properties, for a log line. */
  public static String describe(Map<String, Object> config) {
    return new TreeMap<>(config).keySet().toString();
  }
}
