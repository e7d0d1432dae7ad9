package io.alliancewatch.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.time.Instant;

/**
 * The one JSON configuration of the wire format: ISO-8601 instants with their full precision,
 * strict parsing (duplicate names, trailing tokens and NaN are errors).
 */
public final class Json {

  private static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  /**
   * Reads instants in any RFC 3339 form with an offset (contract.md: readers accept any ISO-8601
   * form with an offset), e.g. {@code 2026-03-10t13:00:00+01:00}.
   */
  static final class Rfc3339InstantDeserializer
      extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<Instant> {
    Rfc3339InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(
        com.fasterxml.jackson.core.JsonParser parser,
        com.fasterxml.jackson.databind.DeserializationContext context)
        throws java.io.IOException {
      String text = parser.getValueAsString();
      if (text == null) {
        return (Instant) context.handleUnexpectedToken(Instant.class, parser);
      }
      try {
        return Instants.parseRfc3339(text);
      } catch (java.time.format.DateTimeParseException e) {
        return (Instant) context.handleWeirdStringValue(Instant.class, text, e.getMessage());
      }
    }
  }

  /** The shared, thread-safe mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A new mapper with the wire settings. */
  public static ObjectMapper newMapper() {
    return configure(new JsonMapper());
  }

  /**
   * Gives {@code mapper} the wire settings: for frameworks that make their own (each service's
   * Quarkus mapper), so that the services answer in the format of the records on the topics.
   */
  public static <M extends ObjectMapper> M configure(M mapper) {
    mapper.registerModule(new JavaTimeModule());
    // measured in scoring's benchmark: the score record's serialisation was a quarter of the
    // stream thread's CPU; Blackbird and Jackson's fast double writer cut it (README)
    mapper.registerModule(new BlackbirdModule());
    mapper.getFactory().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
    mapper.getFactory().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER.mappedFeature());
    mapper.registerModule(
        new SimpleModule("rfc3339-instants")
            .addDeserializer(Instant.class, new Rfc3339InstantDeserializer()));
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    mapper
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    return mapper;
  }
}
