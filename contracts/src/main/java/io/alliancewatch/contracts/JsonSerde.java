package io.alliancewatch.contracts;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka serde for a contract record, in the wire JSON of {@link Json}. Null is a tombstone. */
public final class JsonSerde<T> implements Serde<T> {

  private final Class<T> type;
  private final ObjectMapper mapper;
  private final JavaType javaType;

  public JsonSerde(Class<T> type) {
    this.type = type;
    this.mapper = Json.mapper();
    this.javaType = mapper.constructType(type);
  }

  public Class<T> type() {
    return type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return mapper.writeValueAsBytes(data);
      } catch (IOException e) {
        throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON", e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return mapper.readValue(data, javaType);
      } catch (IOException e) {
        throw new SerializationException(
            "cannot read " + type.getSimpleName() + " from topic " + topic, e);
      }
    };
  }
}
