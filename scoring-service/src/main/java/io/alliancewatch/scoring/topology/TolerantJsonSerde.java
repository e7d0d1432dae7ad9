package io.alliancewatch.scoring.topology;

import io.alliancewatch.contracts.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jboss.logging.Logger;

/**
 * The contract serde, except that an unreadable value reads as absent, and is logged and counted
 * instead of stopping the stream thread: one bad registry record must not stop scoring.
 */
final class TolerantJsonSerde<T> implements Serde<T> {

  private static final Logger LOG = Logger.getLogger(TolerantJsonSerde.class);

  private final JsonSerde<T> delegate;
  private final ScoringMetrics metrics;

  private TolerantJsonSerde(JsonSerde<T> delegate, ScoringMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  static <T> TolerantJsonSerde<T> of(Class<T> type, ScoringMetrics metrics) {
    return new TolerantJsonSerde<>(new JsonSerde<>(type), metrics);
  }

  @Override
  public Serializer<T> serializer() {
    return delegate.serializer();
  }

  @Override
  public Deserializer<T> deserializer() {
    Deserializer<T> strict = delegate.deserializer();
    return (topic, data) -> {
      try {
        return strict.deserialize(topic, data);
      } catch (SerializationException e) {
        metrics.rejected("unreadable-registry");
        LOG.warnf(
            "ignoring an unreadable %s record on %s: %s",
            delegate.type().getSimpleName(),
            topic,
            e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        return null;
      }
    };
  }
}
