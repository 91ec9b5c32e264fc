package io.realtimepipelines.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.joda.time.Instant;

/**
 * The JSON form of every event and output type: field names as in the getters, timestamps as
 * ISO-8601 UTC strings, decimals as plain numbers, absent optional fields left out. Parsing the
 * output of {@link #toJson} with the validation transforms gives back an equal event.
 */
public final class EventJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .registerModule(new SimpleModule("joda-instant").addSerializer(new InstantSerializer()));

  private static final ConcurrentMap<Class<?>, ObjectWriter> WRITERS = new ConcurrentHashMap<>();

  private EventJson() {}

  /** One line of JSON for {@code value}, serialised as its declared type {@code type}. */
  public static <T> String toJson(T value, Class<? super T> type) {
    try {
      return WRITERS.computeIfAbsent(type, MAPPER::writerFor).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write " + type.getSimpleName() + " as JSON", e);
    }
  }

  /** The shared mapper, for output types outside this package. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static final class InstantSerializer extends StdSerializer<Instant> {
    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(value.toString());
    }
  }
}
