package io.alliancewatch.ingest.kafka;

import io.alliancewatch.contracts.TopicSpec;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.http.kafka.KafkaSecurityConfig;
import io.alliancewatch.ingest.config.IngestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Kafka clients of the service: one idempotent producer ({@code acks=all}) shared by every
 * request, and an admin client for topic set-up and readiness. Each client's own metrics are bound
 * to the service's Micrometer registry ({@code kafka_producer_*}, {@code kafka_admin_client_*} at
 * {@code /q/metrics}) for as long as the client lives.
 */
@ApplicationScoped
public class KafkaClients {

  private final String bootstrapServers;
  private final KafkaSecurityConfig security;
  private final IngestConfig config;
  private final MeterRegistry registry;
  private volatile KafkaProducer<byte[], byte[]> producer;
  private volatile KafkaClientMetrics producerMetrics;
  private volatile AdminClient admin;
  private volatile KafkaClientMetrics adminMetrics;

  public KafkaClients(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      KafkaSecurityConfig security,
      IngestConfig config,
      MeterRegistry registry) {
    this.bootstrapServers = bootstrapServers;
    this.security = security;
    this.config = config;
    this.registry = registry;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * The settings every client of the service starts from: the brokers and how to authenticate to
   * them ({@code kafka.security.protocol}, {@code kafka.sasl.*}).
   */
  public Map<String, Object> baseProps() {
    return security.clientProps(bootstrapServers);
  }

  public synchronized KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      Map<String, Object> props = baseProps();
      props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
      props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
      props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
      // fail fast while the broker is away, so the caller gets 503 rather than a hung request
      long ackMillis = config.kafka().ackTimeout().toMillis();
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackMillis);
      props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, ackMillis / 2));
      props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackMillis);
      props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
      producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
      producerMetrics = new KafkaClientMetrics(producer);
      producerMetrics.bindTo(registry);
    }
    return producer;
  }

  public synchronized Admin admin() {
    if (admin == null) {
      Map<String, Object> props = baseProps();
      props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-service-admin");
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
      admin = AdminClient.create(props);
      adminMetrics = new KafkaClientMetrics(admin);
      adminMetrics.bindTo(registry);
    }
    return admin;
  }

  /**
   * Binds the metrics of a consumer the caller owns (its fetch lag among them: {@code
   * kafka_consumer_fetch_manager_records_lag_max}); closing the result removes them, so close it
   * with the consumer.
   */
  public KafkaClientMetrics bindMetrics(Consumer<?, ?> consumer) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
    metrics.bindTo(registry);
    return metrics;
  }

  /** The topics this service writes or reads, under their configured names. */
  public List<TopicSpec> topicSpecs() {
    IngestConfig.Topics topics = config.topics();
    return List.of(
        TopicSpec.byDefaultName(Topics.INDICATORS_RAW.name()).named(topics.raw()),
        TopicSpec.byDefaultName(Topics.INDICATORS.name()).named(topics.indicators()),
        TopicSpec.byDefaultName(Topics.INDICATORS_DLQ.name()).named(topics.dlq()),
        TopicSpec.byDefaultName(Topics.REGISTRY.name()).named(topics.registry()));
  }

  void close(@Observes ShutdownEvent event) {
    if (producer != null) {
      producerMetrics.close();
      producer.close(Duration.ofSeconds(5));
    }
    if (admin != null) {
      adminMetrics.close();
      admin.close(Duration.ofSeconds(5));
    }
  }
}
