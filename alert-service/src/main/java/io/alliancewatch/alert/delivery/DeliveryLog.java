package io.alliancewatch.alert.delivery;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.kafka.TopicTail;
import io.alliancewatch.contracts.JsonSerde;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every delivery and its attempts, kept on a compacted internal topic so the listing and the
 * unfinished retries survive a restart.
 */
@ApplicationScoped
public class DeliveryLog {

  private static final JsonSerde<Delivery> SERDE = new JsonSerde<>(Delivery.class);

  private final Map<String, Delivery> byId = new ConcurrentHashMap<>();
  private final KafkaClients clients;
  private final AlertsConfig config;
  private final TopicTail<String, Delivery> tail;

  public DeliveryLog(KafkaClients clients, AlertsConfig config) {
    this.clients = clients;
    this.config = config;
    this.tail =
        new TopicTail<>(
            clients,
            config.topics().deliveries(),
            Serdes.String().deserializer(),
            SERDE.deserializer(),
            this::applyLoaded,
            "the delivery log");
  }

  public void start(Duration loadTimeout) throws InterruptedException {
    tail.start(loadTimeout);
  }

  public void stop() {
    tail.close();
  }

  public boolean ready() {
    return tail.isCaughtUp();
  }

  private void applyLoaded(String id, Delivery delivery) {
    if (delivery == null) {
      byId.remove(id);
      return;
    }
    // our own writes are applied at once; an older copy read back later must not undo them
    byId.merge(id, delivery, (mine, read) -> progress(read) >= progress(mine) ? read : mine);
  }

  /** A delivery only moves forward: more attempts, then finished. */
  private static int progress(Delivery d) {
    return d.attempts().size() * 2 + (d.finished() ? 1 : 0);
  }

  /** Stores and waits for the acknowledgement. */
  public Delivery save(Delivery delivery) {
    clients.sendAndWait(
        config.topics().deliveries(),
        delivery.deliveryId(),
        delivery,
        Serdes.String().serializer(),
        SERDE.serializer(),
        java.util.Map.of());
    byId.put(delivery.deliveryId(), delivery);
    return delivery;
  }

  /** Stores several at once and waits for all acknowledgements (one round trip). */
  public void saveAll(List<Delivery> deliveries) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Delivery d : deliveries) {
      byId.put(d.deliveryId(), d);
      sent.add(
          clients.send(
              config.topics().deliveries(),
              d.deliveryId(),
              d,
              Serdes.String().serializer(),
              SERDE.serializer()));
    }
    for (Future<RecordMetadata> acknowledged : sent) {
      clients.await(acknowledged, config.topics().deliveries());
    }
  }

  /**
   * Records a final outcome without waiting for the acknowledgement: should it be lost in a crash,
   * the delivery is resumed and sent again (at least once; receivers deduplicate on webhook-id).
   */
  public void record(Delivery delivery) {
    byId.put(delivery.deliveryId(), delivery);
    clients.send(
        config.topics().deliveries(),
        delivery.deliveryId(),
        delivery,
        Serdes.String().serializer(),
        SERDE.serializer());
  }

  public Optional<Delivery> find(String deliveryId) {
    return Optional.ofNullable(byId.get(deliveryId));
  }

  /** Newest first. */
  public List<Delivery> ofSubscription(String subscriptionId, String status) {
    return byId.values().stream()
        .filter(d -> d.subscriptionId().equals(subscriptionId))
        .filter(d -> status == null || status.equals(d.status()))
        .sorted(
            Comparator.comparing(Delivery::createdAt)
                .thenComparing(Delivery::deliveryId)
                .reversed())
        .toList();
  }

  /** Deliveries not finished when this instance stopped, oldest first. */
  public List<Delivery> unfinished() {
    return byId.values().stream()
        .filter(d -> !d.finished())
        .sorted(Comparator.comparing(Delivery::createdAt).thenComparing(Delivery::deliveryId))
        .toList();
  }

  public void forgetLocally() {
    byId.clear();
  }
}
