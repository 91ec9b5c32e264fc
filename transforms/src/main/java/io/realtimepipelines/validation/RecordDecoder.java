package io.realtimepipelines.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.realtimepipelines.model.ErrorCode;
import io.realtimepipelines.model.Event;
import io.realtimepipelines.model.EventType;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Turns the raw bytes of one record into an event of one type, or says precisely why it cannot:
 * size, encoding, JSON syntax, shape, then the type's field contract. Plain Java, no Beam.
 *
 * <p>Hostile input costs bounded work: the size is checked before anything else, JSON nesting
 * deeper than {@link #MAX_NESTING_DEPTH} and numbers longer than {@link #MAX_NUMBER_CHARS}
 * characters are MALFORMED_JSON, and every field rule bounds the values it accepts (see {@link
 * JsonFields}), so that nothing valid can later fail to be written.
 */
public final class RecordDecoder<T extends Event> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** JSON nested deeper than this is MALFORMED_JSON: no event of this project nests at all. */
  public static final int MAX_NESTING_DEPTH = 64;

  /** Number literals longer than this are MALFORMED_JSON (Jackson's own default is 1000). */
  public static final int MAX_NUMBER_CHARS = 100;

  private static final ObjectReader READER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxNumberLength(MAX_NUMBER_CHARS)
                          .build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .reader();

  private final EventType type;
  private final EventParser<T> parser;
  private final int maxPayloadBytes;
  private final Duration maxFutureSkew;

  public RecordDecoder(EventType type, int maxPayloadBytes, Duration maxFutureSkew) {
    this.type = type;
    this.parser = EventParsers.forType(type);
    this.maxPayloadBytes = maxPayloadBytes;
    this.maxFutureSkew = maxFutureSkew;
  }

  public EventType type() {
    return type;
  }

  /** The event, or throws the first rule it breaks. {@code now} is processing time. */
  public T decode(byte[] payload, Instant now) throws ValidationException {
    if (payload.length > maxPayloadBytes) {
      throw tooLarge(payload.length);
    }
    String text = utf8(payload);
    if (text == null) {
      throw new ValidationException(ErrorCode.INVALID_ENCODING, null, "record is not valid UTF-8");
    }
    if (text.isBlank()) {
      throw new ValidationException(
          ErrorCode.EMPTY_RECORD, null, "record is empty or only whitespace");
    }
    JsonNode node;
    try {
      node = READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ValidationException(
          ErrorCode.MALFORMED_JSON, null, "record is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      String kind = node == null ? "nothing" : node.getNodeType().name().toLowerCase();
      throw new ValidationException(
          ErrorCode.NOT_AN_OBJECT,
          null,
          "record must be a JSON object but is " + (kind.startsWith("a") ? "an " : "a ") + kind);
    }
    return parser.parse(new JsonFields(node, now, maxFutureSkew));
  }

  /** The PAYLOAD_TOO_LARGE rejection of a record of {@code bytes} bytes. */
  public ValidationException tooLarge(long bytes) {
    return new ValidationException(
        ErrorCode.PAYLOAD_TOO_LARGE,
        null,
        "record is " + bytes + " bytes, more than the maximum of " + maxPayloadBytes + " bytes");
  }

  /** Strict UTF-8 decoding; null when the bytes are not valid UTF-8. */
  static @Nullable String utf8(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
