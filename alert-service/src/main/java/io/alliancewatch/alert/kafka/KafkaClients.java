package io.alliancewatch.alert.kafka;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.contracts.TopicSpec;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.http.kafka.KafkaSecurityConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The broker connection: topic creation, one acknowledged producer, consumer settings, and the
 * clients' own metrics (consumer lag among them) on {@code /q/metrics}.
 */
@ApplicationScoped
public class KafkaClients {

  private static final Logger LOG = Logger.getLogger(KafkaClients.class);

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

  /** The {@code client.id} of the producer; consumers are named by their use (see callers). */
  private static final String PRODUCER_CLIENT_ID = "alert-service-producer";

  private final String bootstrapServers;
  private final KafkaSecurityConfig security;
  private final AlertsConfig config;
  private final MeterRegistry meters;
  // one thread for all binders: each looks for new client metrics (a new partition) once a minute
  private final ScheduledExecutorService metricsRefresh =
      Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("kafka-client-metrics"));
  private volatile KafkaProducer<byte[], byte[]> producer;
  private volatile KafkaClientMetrics producerMetrics;

  public KafkaClients(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      KafkaSecurityConfig security,
      AlertsConfig config,
      MeterRegistry meters) {
    this.bootstrapServers = bootstrapServers;
    this.security = security;
    this.config = config;
    this.meters = meters;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The settings every client of the service starts from, Kafka Streams' included: the brokers and
   * how to authenticate to them ({@code kafka.security.protocol}, {@code kafka.sasl.*}).
   */
  public Map<String, Object> baseProps() {
    return security.clientProps(bootstrapServers);
  }

  /**
   * The topic's {@code retention.ms} (empty: kept for ever, or not known, as when the broker
   * refuses DescribeConfigs).
   */
  public Optional<Duration> retentionOf(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin admin = Admin.create(baseProps())) {
      ConfigEntry entry =
          admin
              .describeConfigs(List.of(resource))
              .all()
              .get(30, TimeUnit.SECONDS)
              .get(resource)
              .get(TopicConfig.RETENTION_MS_CONFIG);
      long ms = entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
      return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.warnf("cannot read the retention of %s (%s): its view keeps everything read", topic, e);
      return Optional.empty();
    }
  }

  /** Creates the topics this service reads and writes when they are missing. */
  public void ensureTopics() {
    AlertsConfig.Topics topics = config.topics();
    List<TopicSpec> specs =
        List.of(
            TopicSpec.byDefaultName(Topics.SCORES.name()).named(topics.scores()),
            TopicSpec.byDefaultName(Topics.REGISTRY.name()).named(topics.registry()),
            TopicSpec.byDefaultName(Topics.SUBSCRIPTIONS.name()).named(topics.subscriptions()),
            TopicSpec.byDefaultName(Topics.NOTIFICATIONS.name()).named(topics.notifications()),
            TopicSpec.byDefaultName(Topics.NOTIFICATIONS_DLQ.name())
                .named(topics.notificationsDlq()),
            new TopicSpec(topics.deliveries(), 6, true));
    try (Admin admin = Admin.create(baseProps())) {
      TopicSpec.ensureExist(admin, specs, topics.replicationFactor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create the topics of the alert service", e);
    }
  }

  /**
   * Writes one record and waits for the broker's acknowledgement: a caller is told "stored" only
   * when it is.
   */
  public <K, V> void sendAndWait(
      String topic,
      K key,
      V value,
      Serializer<K> keySerializer,
      Serializer<V> valueSerializer,
      Map<String, String> headers) {
    byte[] keyBytes = keySerializer.serialize(topic, key);
    byte[] valueBytes = value == null ? null : valueSerializer.serialize(topic, value);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, keyBytes, valueBytes);
    headers.forEach(
        (name, text) ->
            record.headers().add(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      producer().send(record).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while writing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaUnavailableException("Kafka did not acknowledge the write to " + topic, e);
    }
  }

  /**
   * Writes without waiting; the returned future completes at the acknowledgement. For many records
   * at once: send them all, then wait for each (one round trip instead of one per record).
   */
  public <K, V> Future<RecordMetadata> send(
      String topic, K key, V value, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
    byte[] keyBytes = keySerializer.serialize(topic, key);
    byte[] valueBytes = value == null ? null : valueSerializer.serialize(topic, value);
    return producer().send(new ProducerRecord<>(topic, keyBytes, valueBytes));
  }

  /** Waits for the acknowledgement of a record sent with {@link #send}. */
  public void await(Future<RecordMetadata> sent, String topic) {
    try {
      sent.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while writing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaUnavailableException("Kafka did not acknowledge the write to " + topic, e);
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    KafkaProducer<byte[], byte[]> current = producer;
    if (current == null) {
      synchronized (this) {
        if (producer == null) {
          Map<String, Object> props = baseProps();
          props.put(ProducerConfig.CLIENT_ID_CONFIG, PRODUCER_CLIENT_ID);
          props.put(ProducerConfig.ACKS_CONFIG, "all");
          props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
          props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
          props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
          props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
          props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
          props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
          KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(props);
          producerMetrics = new KafkaClientMetrics(created, List.of(), metricsRefresh);
          producerMetrics.bindTo(meters);
          producer = created;
        }
        current = producer;
      }
    }
    return current;
  }

  /**
   * Settings of a consumer that reads only committed records (the engine writes in transactions).
   * {@code clientId} names it in the broker's logs and in the {@code client_id} tag of its metrics.
   */
  public Map<String, Object> consumerProps(String clientId, String groupId) {
    Map<String, Object> props = baseProps();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (groupId != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    props.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
    return props;
  }

  /**
   * Publishes a consumer's own metrics ({@code kafka_consumer_*}, lag among them) until the
   * returned binder is closed: close it with the consumer.
   */
  public KafkaClientMetrics metricsOf(Consumer<?, ?> consumer) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, List.of(), metricsRefresh);
    metrics.bindTo(meters);
    return metrics;
  }

  /**
   * Publishes the metrics of a Kafka Streams application and of its clients ({@code
   * kafka_stream_*}, {@code kafka_consumer_*}, ...) until the returned binder is closed.
   */
  public KafkaStreamsMetrics metricsOf(KafkaStreams streams) {
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, List.of(), metricsRefresh);
    metrics.bindTo(meters);
    return metrics;
  }

  @PreDestroy
  void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producerMetrics.close();
    }
    metricsRefresh.shutdownNow();
  }
}
