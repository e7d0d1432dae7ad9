package io.alliancewatch.alert.delivery;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.kafka.TopicTail;
import io.alliancewatch.alert.store.LocalStore;
import io.alliancewatch.contracts.JsonSerde;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serdes;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Every delivery and its attempts, kept on a compacted internal topic so the listing and the
 * unfinished retries survive a restart. This instance's view of it is on local disk ({@link
 * LocalStore}), not in the heap: deliveries by id, and an index by subscription and time for the
 * listing.
 */
@ApplicationScoped
public class DeliveryLog {

  private static final JsonSerde<Delivery> SERDE = new JsonSerde<>(Delivery.class);

  /** {@code d} + deliveryId: the delivery. */
  private static final String BY_ID = "d";

  /** {@code s} + subscriptionId + createdAt + deliveryId: nothing (the listing's index). */
  private static final String BY_SUBSCRIPTION = "s";

  /** {@code u} + createdAt + deliveryId: nothing, while the delivery is unfinished. */
  private static final String UNFINISHED = "u";

  private final KafkaClients clients;
  private final AlertsConfig config;
  private final TopicTail<String, Delivery> tail;
  private volatile LocalStore store;

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

  /** Reads the log into an empty local store and follows it. */
  public void start(Duration loadTimeout) throws InterruptedException {
    store =
        LocalStore.openEmpty(
            Path.of(config.viewsDir(), config.membership().instanceId(), "deliveries"));
    tail.start(loadTimeout);
  }

  /** Stops following the log and deletes the local store (the next start reads the log again). */
  public void stop() {
    tail.close();
    LocalStore closing = store;
    store = null;
    if (closing != null) {
      closing.close();
    }
  }

  public boolean ready() {
    return tail.isCaughtUp();
  }

  /** Our own writes are applied at once; an older copy read back later must not undo them. */
  private void applyLoaded(String id, Delivery delivery) {
    if (delivery == null) {
      remove(id);
    } else {
      keep(delivery, true);
    }
  }

  /** A delivery only moves forward: more attempts, then finished. */
  private static int progress(Delivery d) {
    return d.attempts().size() * 2 + (d.finished() ? 1 : 0);
  }

  /**
   * Stores {@code d} locally; {@code readBack}: only when it is no older than the copy held (a read
   * of the topic), else always (this instance's own write).
   */
  private synchronized void keep(Delivery d, boolean readBack) {
    Optional<Delivery> held = find(d.deliveryId());
    if (readBack && held.isPresent() && progress(d) < progress(held.get())) {
      return;
    }
    try (WriteBatch batch = new WriteBatch()) {
      if (held.isPresent()) {
        unindex(batch, held.get());
      }
      batch.put(LocalStore.key(BY_ID, d.deliveryId()), SERDE.serializer().serialize(null, d));
      batch.put(subscriptionKey(d), NOTHING);
      if (!d.finished()) {
        batch.put(unfinishedKey(d), NOTHING);
      }
      store().write(batch);
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot keep delivery " + d.deliveryId(), e);
    }
  }

  private synchronized void remove(String deliveryId) {
    Optional<Delivery> held = find(deliveryId);
    if (held.isEmpty()) {
      return;
    }
    try (WriteBatch batch = new WriteBatch()) {
      unindex(batch, held.get());
      batch.delete(LocalStore.key(BY_ID, deliveryId));
      store().write(batch);
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot remove delivery " + deliveryId, e);
    }
  }

  private static final byte[] NOTHING = new byte[0];

  /** Deletes {@code d}'s index entries. */
  private static void unindex(WriteBatch batch, Delivery d) throws RocksDBException {
    batch.delete(subscriptionKey(d));
    batch.delete(unfinishedKey(d));
  }

  private static byte[] subscriptionKey(Delivery d) {
    return LocalStore.key(
        BY_SUBSCRIPTION, d.subscriptionId(), LocalStore.time(d.createdAt()), d.deliveryId());
  }

  private static byte[] unfinishedKey(Delivery d) {
    return LocalStore.key(UNFINISHED, LocalStore.time(d.createdAt()), d.deliveryId());
  }

  private LocalStore store() {
    LocalStore current = store;
    if (current == null) {
      throw new LocalStore.StoreClosedException("the delivery log is not loaded (restarting)");
    }
    return current;
  }

  /** Stores and waits for the acknowledgement. */
  public Delivery save(Delivery delivery) {
    clients.sendAndWait(
        config.topics().deliveries(),
        delivery.deliveryId(),
        delivery,
        Serdes.String().serializer(),
        SERDE.serializer(),
        Map.of());
    keep(delivery, false);
    return delivery;
  }

  /** Stores several at once and waits for all acknowledgements (one round trip). */
  public void saveAll(List<Delivery> deliveries) {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Delivery d : deliveries) {
      keep(d, false);
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
    keep(delivery, false);
    clients.send(
        config.topics().deliveries(),
        delivery.deliveryId(),
        delivery,
        Serdes.String().serializer(),
        SERDE.serializer());
  }

  public Optional<Delivery> find(String deliveryId) {
    byte[] bytes = store().get(LocalStore.key(BY_ID, deliveryId));
    return Optional.ofNullable(bytes).map(b -> SERDE.deserializer().deserialize(null, b));
  }

  /** Newest first, at most {@code limit}. */
  public List<Delivery> ofSubscription(String subscriptionId, String status, int limit) {
    List<Delivery> found = new ArrayList<>();
    byte[] prefix = LocalStore.key(BY_SUBSCRIPTION, subscriptionId);
    int prefixLength = prefix.length + LocalStore.TIME_LENGTH;
    store()
        .descending(
            prefix,
            null,
            null,
            (key, nothing) -> {
              String deliveryId = idAfter(key, prefixLength);
              find(deliveryId)
                  .filter(d -> status == null || status.equals(d.status()))
                  .ifPresent(found::add);
              return found.size() < limit;
            });
    return found;
  }

  /** The id at the end of an index key, after its first {@code start} bytes. */
  private static String idAfter(byte[] key, int start) {
    return new String(key, start, key.length - 1 - start, StandardCharsets.UTF_8);
  }

  /** Deliveries not finished, oldest first (by createdAt, then id: the index's order). */
  public List<Delivery> unfinished() {
    List<Delivery> found = new ArrayList<>();
    byte[] prefix = LocalStore.key(UNFINISHED);
    int prefixLength = prefix.length + LocalStore.TIME_LENGTH;
    store()
        .ascending(
            prefix,
            (key, nothing) -> {
              find(idAfter(key, prefixLength)).ifPresent(found::add);
              return true;
            });
    return found;
  }
}
