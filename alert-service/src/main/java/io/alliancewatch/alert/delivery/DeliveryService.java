package io.alliancewatch.alert.delivery;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.TraceHeaders;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Turns each notification on {@code alert.notifications} into a delivery: the consumer group shares
 * the notifications among instances, the delivery log remembers what was already taken (a
 * notification read twice after a restart is delivered once) and what was left unfinished.
 */
@ApplicationScoped
public class DeliveryService {

  private static final Logger LOG = Logger.getLogger(DeliveryService.class);

  private final KafkaClients clients;
  private final AlertsConfig config;
  private final DeliveryLog log;
  private final Dispatcher dispatcher;
  private final Clock clock = Clock.systemUTC();
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile KafkaClientMetrics consumerMetrics;
  private volatile Thread thread;
  private volatile boolean running;

  public DeliveryService(
      KafkaClients clients, AlertsConfig config, DeliveryLog log, Dispatcher dispatcher) {
    this.clients = clients;
    this.config = config;
    this.log = log;
    this.dispatcher = dispatcher;
  }

  public synchronized void start(Duration loadTimeout) throws InterruptedException {
    log.start(loadTimeout);
    dispatcher.start();
    for (Delivery unfinished : log.unfinished()) {
      dispatcher.enqueue(unfinished);
    }
    Map<String, Object> props =
        clients.consumerProps("alert-service-delivery", config.delivery().groupId());
    // a static member with a short session, as the engine (AlertsConfig.Membership)
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.membership().instanceId());
    props.put(
        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
        (int) config.membership().sessionTimeout().toMillis());
    consumer = new KafkaConsumer<>(props);
    consumerMetrics = clients.metricsOf(consumer);
    consumer.subscribe(List.of(config.topics().notifications()));
    running = true;
    thread = new Thread(this::run, "notification-intake");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops taking and sending; what is unfinished is picked up by the next start. */
  public synchronized void stop() {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    dispatcher.stop();
    log.stop();
  }

  public boolean running() {
    return running && log.ready();
  }

  private void run() {
    try {
      while (running) {
        List<Delivery> taken = new java.util.ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          take(record).ifPresent(taken::add);
        }
        if (!taken.isEmpty()) {
          // logged before they are sent, and before the offsets are committed
          log.saveAll(taken);
          taken.forEach(dispatcher::enqueue);
        }
        consumer.commitSync();
      }
    } catch (WakeupException e) {
      // stopping
    } catch (RuntimeException e) {
      LOG.error("taking notifications stopped", e);
    } finally {
      consumerMetrics.close();
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private Optional<Delivery> take(ConsumerRecord<byte[], byte[]> record) {
    AlertNotification notification;
    try {
      notification =
          Topics.NOTIFICATIONS
              .valueSerde()
              .deserializer()
              .deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      io.alliancewatch.alert.kafka.TopicTail.unreadable(record.topic());
      LOG.warnf(
          "skipping an unreadable notification at %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return Optional.empty();
    }
    if (notification == null) {
      return Optional.empty();
    }
    String deliveryId = firstDeliveryId(notification.notificationId());
    if (log.find(deliveryId).isPresent()) {
      return Optional.empty(); // taken before a restart; the log knows how it went
    }
    return Optional.of(
        Delivery.of(
            deliveryId,
            notification,
            clock.instant(),
            null,
            TraceHeaders.traceparent(record.headers()).orElse(null)));
  }

  /** The first delivery of a notification has an id derived from it, so it is made once. */
  static String firstDeliveryId(String notificationId) {
    return UUID.nameUUIDFromBytes(("delivery:" + notificationId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Sends a delivery again: a new delivery, the same webhook-id and body, fresh attempts. */
  public Optional<Delivery> redeliver(String deliveryId) {
    return log.find(deliveryId)
        .map(
            original -> {
              Delivery again =
                  log.save(
                      Delivery.of(
                          UUID.randomUUID().toString(),
                          original.notification(),
                          clock.instant(),
                          original.deliveryId(),
                          original.traceparent()));
              dispatcher.enqueue(again);
              return again;
            });
  }
}
