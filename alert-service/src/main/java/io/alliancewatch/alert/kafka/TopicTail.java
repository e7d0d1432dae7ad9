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
 * have been applied, so a view is never served half loaded. A closed tail can be started again: it
 * reads the topic anew.
 */
public final class TopicTail<K, V> implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(TopicTail.class);

  private final KafkaClients clients;
  private final String topic;
  private final Deserializer<K> keys;
  private final Deserializer<V> values;
  private final BiConsumer<K, V> apply;
  private final String what;
  private volatile Reader reader;

  /**
   * @param apply called with each record's key and value (null for a tombstone), in order
   * @param what the view, for errors and logs: "the registry did not load in PT1M"
   */
  public TopicTail(
      KafkaClients clients,
      String topic,
      Deserializer<K> keys,
      Deserializer<V> values,
      BiConsumer<K, V> apply,
      String what) {
    this.clients = clients;
    this.topic = topic;
    this.keys = keys;
    this.values = values;
    this.apply = apply;
    this.what = what;
  }

  /**
   * Starts reading and waits until the records that existed at the start have been applied.
   *
   * @throws IllegalStateException when that takes longer than {@code loadTimeout} (the tail goes on
   *     reading; {@link #isCaughtUp} tells when it has caught up)
   */
  public void start(Duration loadTimeout) throws InterruptedException {
    Reader started;
    synchronized (this) {
      if (reader != null) {
        throw new IllegalStateException(what + " is already being read");
      }
      started = new Reader();
      reader = started;
      started.thread.start();
    }
    // waited for outside the lock: a close meanwhile (shutdown) is not held up by a slow load
    if (!started.caughtUp.await(loadTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(what + " did not load in " + loadTimeout);
    }
  }

  /**
   * Whether the view holds what the topic held at the start and follows it still: false before, and
   * false for good once the reader has stopped on an error (readiness then says so; the view is not
   * re-read, as re-applying every record is not harmless for every view).
   */
  public boolean isCaughtUp() {
    Reader current = reader;
    return current != null && current.caughtUp.getCount() == 0 && !current.failed;
  }

  /**
   * Counts a record of {@code topic} that could not be read ({@code alerts_records_unreadable}).
   */
  public static void unreadable(String topic) {
    io.micrometer.core.instrument.Metrics.counter("alerts.records.unreadable", "topic", topic)
        .increment();
  }

  /** Stops reading; does nothing when not started. */
  @Override
  public synchronized void close() {
    Reader current = reader;
    reader = null;
    if (current != null) {
      current.close();
    }
  }

  /** One pass of reading: a consumer and its thread, from the beginning until closed. */
  private final class Reader {
    private final KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(clients.consumerProps("alert-service-tail-" + topic, null));
    private final KafkaClientMetrics metrics = clients.metricsOf(consumer);
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread = new Thread(this::run, "tail-" + topic);
    private volatile boolean running = true;
    private volatile boolean failed;

    Reader() {
      thread.setDaemon(true);
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
          if (caughtUp.getCount() > 0) {
            ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
            if (ends.isEmpty()) {
              caughtUp.countDown();
            }
          }
        }
      } catch (WakeupException e) {
        // closing
      } catch (RuntimeException e) {
        failed = true;
        LOG.errorf(e, "reading %s stopped: %s no longer follows it", topic, what);
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
        // a record this service cannot read is skipped, said so and counted: not ours to repair
        unreadable(topic);
        LOG.warnf(
            "skipping unreadable record of %s %s-%d@%d: %s",
            what, topic, record.partition(), record.offset(), e.getMessage());
      }
    }

    private void close() {
      running = false;
      consumer.wakeup();
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
