package io.alliancewatch.ingest.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.AllianceDirectory;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.TopicSpec;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.ingest.config.IngestConfig;
import io.alliancewatch.ingest.kafka.IndicatorPublisher;
import io.alliancewatch.ingest.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The alliance registry as this instance sees it: the compacted topic {@code alliance.registry}
 * read from the beginning and followed, seeded from the bundled {@code alliances.json} when the
 * topic is empty. Every instance converges on the same set; a PUT is visible here as soon as Kafka
 * acknowledges it.
 */
@ApplicationScoped
public class AllianceRegistry implements AllianceDirectory {

  private static final Logger LOG = Logger.getLogger(AllianceRegistry.class);
  private static final String SEED_RESOURCE = "/data/alliances.json";

  private final KafkaClients clients;
  private final IndicatorPublisher publisher;
  private final IngestConfig config;
  private final Map<String, Alliance> alliances = new ConcurrentSkipListMap<>();
  private final Map<String, Long> unreadable = new ConcurrentHashMap<>();
  private volatile boolean loaded;
  private volatile boolean running = true;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread reader;

  public AllianceRegistry(KafkaClients clients, IndicatorPublisher publisher, IngestConfig config) {
    this.clients = clients;
    this.publisher = publisher;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    reader = new Thread(this::follow, "alliance-registry-reader");
    reader.setDaemon(true);
    reader.start();
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (reader != null) {
      reader.join(5000);
    }
  }

  /** Who the {@code x-changed-by} header names for the alliances seeded from the bundled file. */
  static final String SEEDED_BY = "ingest-service (seed)";

  /** Whether the registry has been read to its end once (and seeded if it was empty). */
  public boolean isLoaded() {
    return loaded;
  }

  @Override
  public Optional<Alliance> find(String allianceId) {
    return Optional.ofNullable(alliances.get(allianceId));
  }

  @Override
  public Collection<Alliance> all() {
    return List.copyOf(alliances.values());
  }

  /** Writes an alliance to the registry and returns once Kafka has acknowledged it. */
  /**
   * Writes the alliance to the registry topic and waits for the acknowledgement.
   *
   * @param changedBy who made the change (a token's {@code sub}), in the {@code x-changed-by}
   *     header
   */
  public void put(Alliance alliance, String changedBy) {
    publisher.publishAll(List.of(record(alliance, changedBy)));
    alliances.put(alliance.id(), alliance);
  }

  private ProducerRecord<byte[], byte[]> record(Alliance alliance, String changedBy) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            config.topics().registry(),
            alliance.id().getBytes(java.nio.charset.StandardCharsets.UTF_8),
            Topics.REGISTRY
                .valueSerde()
                .serializer()
                .serialize(config.topics().registry(), alliance));
    record
        .headers()
        .add(
            io.alliancewatch.contracts.security.Access.CHANGED_BY_HEADER,
            changedBy.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return record;
  }

  private void follow() {
    Duration backoff = Duration.ofMillis(500);
    while (running) {
      try {
        TopicSpec.ensureExist(
            clients.admin(), clients.topicSpecs(), config.topics().replicationFactor());
        readAndFollow();
      } catch (WakeupException e) {
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (!running) {
          return;
        }
        LOG.warnf("registry not readable yet (%s); retrying in %s", e.getMessage(), backoff);
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                ? Duration.ofSeconds(10)
                : backoff.multipliedBy(2);
      }
    }
  }

  private void readAndFollow() {
    Map<String, Object> props = clients.baseProps();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-service-registry");
    try (KafkaConsumer<String, byte[]> registryConsumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer = registryConsumer;
      String topic = config.topics().registry();
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : registryConsumer.partitionsFor(topic, Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      registryConsumer.assign(partitions);
      registryConsumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end =
          registryConsumer.endOffsets(partitions, Duration.ofSeconds(10));
      while (running) {
        for (ConsumerRecord<String, byte[]> record :
            registryConsumer.poll(Duration.ofMillis(500))) {
          apply(record);
        }
        if (!loaded && caughtUp(registryConsumer, end)) {
          if (alliances.isEmpty() && config.registry().seed()) {
            seed();
          }
          loaded = true;
          LOG.infof("alliance registry loaded: %s", alliances.keySet());
        }
      }
    }
  }

  private static boolean caughtUp(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      alliances.remove(record.key());
      return;
    }
    try {
      Alliance alliance =
          Topics.REGISTRY.valueSerde().deserializer().deserialize(record.topic(), record.value());
      alliances.put(record.key(), alliance);
    } catch (RuntimeException e) {
      // a record another writer got wrong must not take the registry down; it is counted and logged
      unreadable.merge(record.key(), 1L, Long::sum);
      LOG.errorf(
          "unreadable registry record %s at %s-%d@%d: %s",
          record.key(), record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  private void seed() {
    List<Alliance> seeds = bundledAlliances();
    List<ProducerRecord<byte[], byte[]>> records =
        seeds.stream().map(a -> record(a, SEEDED_BY)).toList();
    publisher.publishAll(records);
    seeds.forEach(alliance -> alliances.putIfAbsent(alliance.id(), alliance));
    LOG.infof("seeded the empty alliance registry with %d alliances", seeds.size());
  }

  /** The alliances shipped with the service ({@code alliances.json}, membership as of 2024). */
  public static List<Alliance> bundledAlliances() {
    try (InputStream in = AllianceRegistry.class.getResourceAsStream(SEED_RESOURCE)) {
      JsonNode root = Json.mapper().readTree(in);
      List<Alliance> seeds = new ArrayList<>();
      for (JsonNode node : root.get("alliances")) {
        seeds.add(
            Json.mapper()
                .readerFor(Alliance.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(node));
      }
      return seeds;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SEED_RESOURCE, e);
    }
  }

  /** Registry records that could not be read, by key (exposed as a metric). */
  public Map<String, Long> unreadableRecords() {
    return Map.copyOf(unreadable);
  }
}
