package io.alliancewatch.ingest.raw;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.Topics.DlqHeaders;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.IndicatorValidator;
import io.alliancewatch.contracts.validation.ValidIndicator;
import io.alliancewatch.ingest.config.IngestConfig;
import io.alliancewatch.ingest.core.IndicatorIngester;
import io.alliancewatch.ingest.core.IngestMetrics;
import io.alliancewatch.ingest.http.JsonBodies;
import io.alliancewatch.ingest.http.ProblemException;
import io.alliancewatch.ingest.kafka.IndicatorPublisher;
import io.alliancewatch.ingest.kafka.KafkaClients;
import io.alliancewatch.ingest.registry.AllianceRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows {@code alliance.indicators.raw} (Kafka Connect, scripts) and checks each record with the
 * same code as HTTP: valid ones are routed to {@code alliance.indicators}, invalid ones go to the
 * DLQ as received, with {@code x-error} and their origin in headers. Offsets are committed only
 * after every record of a poll is acknowledged, so a crash repeats work rather than losing it.
 */
@ApplicationScoped
public class RawTopicRouter {

  private static final Logger LOG = Logger.getLogger(RawTopicRouter.class);

  private final KafkaClients clients;
  private final IndicatorIngester ingester;
  private final IndicatorPublisher publisher;
  private final AllianceRegistry registry;
  private final IngestMetrics metrics;
  private final IngestConfig config;
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private Thread worker;

  public RawTopicRouter(
      KafkaClients clients,
      IndicatorIngester ingester,
      IndicatorPublisher publisher,
      AllianceRegistry registry,
      IngestMetrics metrics,
      IngestConfig config) {
    this.clients = clients;
    this.ingester = ingester;
    this.publisher = publisher;
    this.registry = registry;
    this.metrics = metrics;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    if (!config.raw().enabled()) {
      return;
    }
    worker = new Thread(this::run, "raw-topic-router");
    worker.setDaemon(true);
    worker.start();
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    KafkaConsumer<byte[], byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (worker != null) {
      worker.join(5000);
    }
  }

  private void run() {
    while (running) {
      try {
        if (!registry.isLoaded()) {
          pause(200);
          continue;
        }
        consume();
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warnf("raw topic router interrupted (%s); resuming from the last commit", e.toString());
        pause(1000);
      }
    }
  }

  private void consume() {
    Map<String, Object> props = clients.baseProps();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.raw().groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-service-raw");
    // the consumer's metrics (its lag among them) are at /q/metrics while it lives
    try (KafkaConsumer<byte[], byte[]> rawConsumer =
            new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaClientMetrics rawMetrics = clients.bindMetrics(rawConsumer)) {
      consumer = rawConsumer;
      rawConsumer.subscribe(List.of(config.topics().raw()));
      while (running) {
        ConsumerRecords<byte[], byte[]> records = rawConsumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          continue;
        }
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          out.addAll(route(record));
          offsets.put(
              new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1));
        }
        // on failure this throws: the poll is not committed and the consumer starts again from
        // the last commit, so a record is routed at least once and never lost
        publisher.publishAll(out);
        rawConsumer.commitSync(offsets);
      }
    }
  }

  /** The records one raw record becomes: one per alliance, or one DLQ record. */
  List<ProducerRecord<byte[], byte[]>> route(ConsumerRecord<byte[], byte[]> record) {
    List<FieldError> errors;
    try {
      JsonNode node = record.value() == null ? null : JsonBodies.parse(record.value());
      IndicatorValidator.Result result = ingester.validate(node);
      if (result.isValid()) {
        ValidIndicator valid = result.valid();
        metrics.accepted(valid.event().type().name(), "raw-topic", 1);
        return ingester.records(List.of(valid), null); // a Kafka principal, not a token
      }
      errors = result.errors();
      metrics.eventRejected(errors, "raw-topic");
    } catch (ProblemException e) {
      errors =
          e.problem().errors() == null || e.problem().errors().isEmpty()
              ? List.of(new FieldError("", e.problem().detail()))
              : e.problem().errors();
      metrics.eventRejected(List.of(new FieldError("", "malformed")), "raw-topic");
    }
    metrics.deadLettered(errors.isEmpty() ? "unknown" : errors.get(0).pointer());
    return List.of(deadLetter(record, errors));
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      ConsumerRecord<byte[], byte[]> record, List<FieldError> errors) {
    ProducerRecord<byte[], byte[]> dlq =
        new ProducerRecord<>(config.topics().dlq(), null, record.key(), record.value());
    try {
      dlq.headers().add(DlqHeaders.ERROR, Json.mapper().writeValueAsBytes(errors));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    dlq.headers().add(DlqHeaders.SOURCE_TOPIC, utf8(record.topic()));
    dlq.headers().add(DlqHeaders.SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
    dlq.headers().add(DlqHeaders.SOURCE_OFFSET, utf8(Long.toString(record.offset())));
    record.headers().forEach(header -> dlq.headers().add(header));
    return dlq;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
