package io.alliancewatch.scoring.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.scoring.model.AllianceState;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The alliance states in the local store and its changelog, written on every counted event. Smile
 * (Jackson's binary JSON) with instants as seconds and nanoseconds: the same fields as JSON, but
 * numbers and instants are not printed and parsed as text, which made JSON most of the cost of
 * scoring an event (README, "Benchmark"). States written as JSON by earlier versions are still
 * read: a Smile document starts with {@code :)}, a JSON one with <code>{</code>.
 */
public final class AllianceStateSerde implements Serde<AllianceState> {

  private static final ObjectMapper SMILE =
      SmileMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
          .build();

  @Override
  public Serializer<AllianceState> serializer() {
    return (topic, state) -> {
      if (state == null) {
        return null;
      }
      try {
        return SMILE.writeValueAsBytes(state);
      } catch (IOException e) {
        throw new SerializationException("cannot write an alliance state", e);
      }
    };
  }

  @Override
  public Deserializer<AllianceState> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      ObjectMapper mapper = data.length > 0 && data[0] == '{' ? Json.mapper() : SMILE;
      try {
        return mapper.readValue(data, AllianceState.class);
      } catch (IOException e) {
        throw new SerializationException("cannot read an alliance state from " + topic, e);
      }
    };
  }
}
