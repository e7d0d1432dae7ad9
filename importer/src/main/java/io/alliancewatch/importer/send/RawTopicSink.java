package io.alliancewatch.importer.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.AllianceDirectory;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.IndicatorValidator;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes to the raw topic, which takes any bytes and leaves checking to ingest: a bad event would
 * only reach the dead-letter topic, out of the user's sight. So each event is first checked here by
 * the very validator ingest runs, and refused with its line number like ingest would refuse it.
 */
public final class RawTopicSink implements EventSink {

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final String bootstrapServers;
  private final IndicatorValidator validator;
  private final AllianceDirectory directory;

  /**
   * With {@code checkLocally} false the events go out unchecked, and ingest dead-letters the bad
   * ones to {@code alliance.indicators.dlq}: faster, for a mapping already known to be valid.
   */
  public RawTopicSink(
      String bootstrapServers, String topic, AllianceDirectory directory, boolean checkLocally) {
    this.topic = topic;
    this.bootstrapServers = bootstrapServers;
    this.directory = directory;
    this.validator = checkLocally ? new IndicatorValidator(Clock.systemUTC()) : null;
    this.producer = new KafkaProducer<>(config(bootstrapServers, System.getenv()));
  }

  /**
   * The producer's settings; with a SASL login from the environment, as the services take theirs
   * ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code
   * KAFKA_SASL_JAAS_CONFIG}): docker-compose.yml's brokers accept principal {@code feeder} on the
   * raw topic.
   */
  private static final Map<String, String> SECURITY_ENV =
      Map.of(
          "KAFKA_SECURITY_PROTOCOL", "security.protocol",
          "KAFKA_SASL_MECHANISM", "sasl.mechanism",
          "KAFKA_SASL_JAAS_CONFIG", "sasl.jaas.config");

  static Properties config(String bootstrapServers, Map<String, String> env) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    SECURITY_ENV.forEach(
        (variable, key) -> {
          String value = env.get(variable);
          if (value != null && !value.isBlank()) {
            props.put(key, value);
          }
        });
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "alliance-watch-importer");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // fail within a minute when no broker answers instead of Kafka's silent default wait
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return props;
  }

  @Override
  public String description() {
    return "raw topic "
        + topic
        + " at "
        + bootstrapServers
        + (validator == null ? " (unchecked: invalid events go to ingest's DLQ)" : "");
  }

  @Override
  public List<Refusal> send(List<byte[]> batch) throws SinkException, InterruptedException {
    List<Refusal> refusals = new ArrayList<>();
    List<Future<RecordMetadata>> pending = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      byte[] json = batch.get(i);
      List<FieldError> errors = check(json);
      if (!errors.isEmpty()) {
        for (FieldError error : errors) {
          refusals.add(new Refusal(i, error.pointer(), error.message()));
        }
        continue;
      }
      try {
        pending.add(producer.send(new ProducerRecord<>(topic, null, json)));
      } catch (org.apache.kafka.common.KafkaException e) {
        throw new SinkException(
            "Kafka at " + bootstrapServers + " took no record: " + e.getMessage(), e);
      }
    }
    for (Future<RecordMetadata> ack : pending) {
      try {
        ack.get();
      } catch (ExecutionException e) {
        throw new SinkException(
            "Kafka at " + bootstrapServers + " did not acknowledge: " + e.getCause().getMessage(),
            e.getCause());
      }
    }
    return refusals;
  }

  private List<FieldError> check(byte[] json) {
    if (validator == null) {
      return List.of();
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(json);
    } catch (IOException e) {
      return List.of(new FieldError("", "is not valid JSON: " + e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      return List.of(new FieldError("", "must be a JSON object"));
    }
    IndicatorValidator.Result result = validator.validate(node, directory);
    return result.isValid() ? List.of() : result.errors();
  }

  @Override
  public void close() {
    producer.close();
  }
}
