package io.alliancewatch.alert.kafka;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

/**
 * Reads a whole topic from its beginning and then follows it, without a consumer group: every
 * instance sees every record. {@link #start} returns once the records that existed at the start
 * have been applied, so a view is never served half loaded.
 */
public final class TopicTail<K, V> implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TopicTail.class);

  private final String topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaClientMetrics metrics;
  private final Deserializer<K> keys;
  private final Deserializer<V> values;
  private final BiConsumer<K, V> apply;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;

  public TopicTail(
      KafkaClients clients,
      String topic,
      Deserializer<K> keys,
      Deserializer<V> values,
      BiConsumer<K, V> apply) {
    this.topic = topic;
    this.keys = keys;
    this.values = values;
    this.apply = apply;
    this.consumer = new KafkaConsumer<>(clients.consumerProps("alert-service-tail-" + topic, null));
    this.metrics = clients.metricsOf(consumer);
    this.thread = new Thread(this::run, "tail-" + topic);
    this.thread.setDaemon(true);
  }

  /**
   * Starts reading and waits until the records that existed at the start have been applied.
   *
   * @param what the view, for the error: "the registry did not load in PT1M"
   * @throws IllegalStateException when that takes longer than {@code loadTimeout} (the tail goes on
   *     reading; {@link #isCaughtUp} tells when it has caught up)
   */
  public void start(Duration loadTimeout, String what) throws InterruptedException {
    thread.start();
    if (!caughtUp.await(loadTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(what + " did not load in " + loadTimeout);
    }
  }

  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  private void run() {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          applySafely(record);
        }
        if (!isCaughtUp()) {
          ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
          if (ends.isEmpty()) {
            caughtUp.countDown();
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.errorf(e, "reading %s stopped", topic);
    } finally {
      metrics.close();
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void applySafely(ConsumerRecord<byte[], byte[]> record) {
    try {
      K key = keys.deserialize(topic, record.key());
      V value = record.value() == null ? null : values.deserialize(topic, record.value());
      apply.accept(key, value);
    } catch (RuntimeException e) {
      // a record this service cannot read is skipped, said so and counted: it is not ours to repair
      unreadable(topic);
      LOG.warnf(
          "skipping unreadable record %s-%d@%d: %s",
          topic, record.partition(), record.offset(), e.getMessage());
    }
  }

  /**
   * Counts a record of {@code topic} that could not be read ({@code alerts_records_unreadable}).
   */
  public static void unreadable(String topic) {
    io.micrometer.core.instrument.Metrics.counter("alerts.records.unreadable", "topic", topic)
        .increment();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
