package io.alliancewatch.scoring.feed;

import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.http.kafka.KafkaSecurityConfig;
import io.alliancewatch.scoring.config.ScoringConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every score record of {@code alliance.scores}, committed ones only ({@code read_committed}), for
 * the stream: each instance reads every partition, so a client sees every alliance whichever
 * instance it reached. Keeps the latest record of each alliance for clients that connect later. The
 * consumer's own metrics, its lag behind the topic among them ({@code
 * kafka_consumer_fetch_manager_records_lag_max{client_id="scoring-score-feed"}}), are bound to the
 * Micrometer registry while it lives.
 */
@ApplicationScoped
public class ScoreFeed {

  private static final Logger LOG = Logger.getLogger(ScoreFeed.class);

  /**
   * A record with its position in the topic, {@code partition-offset} (null for the record of an
   * alliance that has none on the topic yet), and its JSON.
   */
  public record Positioned(ScoreRecord record, String position, String json) {}

  /** Someone who wants the records of some alliances. */
  public interface Listener {
    /**
     * Whether the listener wants the records of {@code allianceId}; by default every alliance's.
     */
    default boolean wants(String allianceId) {
      return true;
    }

    void accept(Positioned score);
  }

  private final ScoringConfig config;
  private final String bootstrapServers;
  private final KafkaSecurityConfig security;
  private final FeedMetrics metrics;
  private final MeterRegistry registry;

  /**
   * The latest record of each alliance as it came (its position and JSON bytes; read again for a
   * new listener): a couple of kilobytes per alliance of the registry, nothing per event or per
   * record of the history.
   */
  private final Map<String, Latest> latest = new HashMap<>();

  private record Latest(String position, byte[] json) {}

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public ScoreFeed(
      ScoringConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      KafkaSecurityConfig security,
      FeedMetrics metrics,
      MeterRegistry registry) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.security = security;
    this.metrics = metrics;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) {
    thread = new Thread(this::run, "score-feed");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (thread != null) {
      thread.join(Duration.ofSeconds(5).toMillis());
    }
  }

  /**
   * Registers {@code listener} and hands it, first, the latest record of every alliance it wants
   * (by alliance id): nothing published meanwhile can overtake them or be missed.
   */
  public void subscribe(Listener listener) {
    subscribe(listener, List.of());
  }

  /**
   * As {@link #subscribe(Listener)}; an alliance with no record on the topic yet gets its record
   * from {@code unscored} (no position), if there.
   */
  public synchronized void subscribe(Listener listener, List<ScoreRecord> unscored) {
    List<Positioned> snapshot = new ArrayList<>();
    for (Map.Entry<String, Latest> entry : latest.entrySet()) {
      if (listener.wants(entry.getKey())) {
        Latest score = entry.getValue();
        decode(score.json()).ifPresent(record -> snapshot.add(positioned(record, score)));
      }
    }
    for (ScoreRecord record : unscored) {
      if (!latest.containsKey(record.allianceId()) && listener.wants(record.allianceId())) {
        snapshot.add(new Positioned(record, null, json(record)));
      }
    }
    snapshot.sort(Comparator.comparing(p -> p.record().allianceId()));
    snapshot.forEach(listener::accept);
    listeners.add(listener);
  }

  private static Positioned positioned(ScoreRecord record, Latest score) {
    return new Positioned(
        record, score.position(), new String(score.json(), StandardCharsets.UTF_8));
  }

  private static Optional<ScoreRecord> decode(byte[] json) {
    try {
      return Optional.of(Json.mapper().readValue(json, ScoreRecord.class));
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty(); // kept only once read: not reached
    }
  }

  private static String json(ScoreRecord record) {
    try {
      return Json.mapper().writeValueAsString(record);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a score record", e);
    }
  }

  public void unsubscribe(Listener listener) {
    listeners.remove(listener);
  }

  public int listenerCount() {
    return listeners.size();
  }

  private synchronized void publish(Positioned score, byte[] json) {
    latest.put(score.record().allianceId(), new Latest(score.position(), json));
    for (Listener listener : listeners) {
      if (listener.wants(score.record().allianceId())) {
        listener.accept(score);
      }
    }
  }

  private void run() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    security.addTo(props);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "scoring-score-feed");
    String topic = config.topics().scores();
    while (running) {
      try (KafkaConsumer<String, byte[]> kafka =
              new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
          KafkaClientMetrics kafkaMetrics = new KafkaClientMetrics(kafka)) {
        kafkaMetrics.bindTo(registry);
        consumer = kafka;
        List<TopicPartition> partitions = partitions(kafka, topic);
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        while (running) {
          for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(200))) {
            read(record);
          }
        }
      } catch (WakeupException e) {
        // shutting down
      } catch (RuntimeException e) {
        LOG.warnf("score feed failed, restarting it: %s", e.toString());
      }
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka, String topic) {
    while (running) {
      List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      }
    }
    return List.of();
  }

  private void read(ConsumerRecord<String, byte[]> record) {
    String position = record.partition() + "-" + record.offset();
    try {
      ScoreRecord score = Json.mapper().readValue(record.value(), ScoreRecord.class);
      publish(
          new Positioned(score, position, new String(record.value(), StandardCharsets.UTF_8)),
          record.value());
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      metrics.unreadable();
      LOG.warnf(
          "ignoring unreadable score record %s-%s: %s", record.topic(), position, e.toString());
    }
  }
}
