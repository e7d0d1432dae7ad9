package io.alliancewatch.alert.history;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.kafka.TopicTail;
import io.alliancewatch.alert.store.LocalStore;
import io.alliancewatch.alert.subscription.SubscriptionRepository;
import io.alliancewatch.contracts.JsonSerde;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.alert.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The alert history as read from {@code alert.notifications} (committed records only): what {@code
 * /api/alerts} lists, which alerts fire now, and what the SSE stream pushes. The history is kept on
 * local disk ({@link LocalStore}: by time, and by alliance and time), not in the heap, and for as
 * long as the topic's {@code retention.ms} keeps its records; only the alerts firing now are held
 * as objects (one per subscription and alliance at most).
 */
@ApplicationScoped
public class NotificationHistory {

  private static final Logger LOG = Logger.getLogger(NotificationHistory.class);
  private static final JsonSerde<AlertNotification> SERDE =
      new JsonSerde<>(AlertNotification.class);

  /** {@code t} + createdAt + notificationId: the notification. */
  private static final String BY_TIME = "t";

  /** {@code a} + allianceId + createdAt + notificationId: the {@link #BY_TIME} key. */
  private static final String BY_ALLIANCE = "a";

  /** How often notifications older than the retention are dropped from the local store. */
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  /** The last firing notification per (subscription, alliance) whose alert has not resolved. */
  private final Map<String, AlertNotification> firing = new ConcurrentHashMap<>();

  /** How long a notification may take to be read after it was made and still be a race. */
  private static final Duration RACE_WINDOW = Duration.ofMinutes(10);

  /** A subscription as it became at a time (null: deleted), seen live. */
  private record Change(Instant at, Subscription subscription) {}

  /** The live changes of each subscription over the last {@link #RACE_WINDOW}. */
  private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();

  private final KafkaClients clients;
  private final AlertsConfig config;
  private final SubscriptionRepository subscriptions;
  private final List<Consumer<AlertNotification>> listeners = new CopyOnWriteArrayList<>();
  private final TopicTail<String, AlertNotification> tail;
  private volatile LocalStore store;
  private volatile Optional<Duration> retention = Optional.empty();
  private volatile Instant prunedAt = Instant.EPOCH;

  public NotificationHistory(
      KafkaClients clients, AlertsConfig config, SubscriptionRepository subscriptions) {
    this.clients = clients;
    this.config = config;
    this.subscriptions = subscriptions;
    // a DELETE, or a PUT that drops an alliance, ends its alerts without a "resolved" (README,
    // "Decisions"): they stop being active at once, and adding the alliance back starts afresh
    subscriptions.onChange(this::subscriptionChanged);
    this.tail =
        new TopicTail<>(
            clients,
            config.topics().notifications(),
            Topics.NOTIFICATIONS.keySerde().deserializer(),
            Topics.NOTIFICATIONS.valueSerde().deserializer(),
            this::applyLoaded,
            "the alert history");
  }

  /** Reads the topic into an empty local store and follows it. */
  public void start(Duration loadTimeout) throws InterruptedException {
    retention = clients.retentionOf(config.topics().notifications());
    store =
        LocalStore.openEmpty(
            Path.of(config.viewsDir(), config.membership().instanceId(), "notifications"));
    tail.start(loadTimeout);
  }

  public void stop() {
    tail.close();
    LocalStore closing = store;
    store = null;
    if (closing != null) {
      closing.close();
    }
    firing.clear();
  }

  public boolean ready() {
    return tail.isCaughtUp();
  }

  public void onNotification(Consumer<AlertNotification> listener) {
    listeners.add(listener);
  }

  private void applyLoaded(String key, AlertNotification n) {
    if (n != null) {
      add(n);
    }
  }

  private void add(AlertNotification n) {
    keep(n);
    String key = n.subscriptionId() + "|" + n.allianceId();
    if (AlertNotification.RESOLVED.equals(n.status())) {
      firing.computeIfPresent(key, (k, open) -> open.alertId().equals(n.alertId()) ? null : open);
    } else if (!madeBeforeItsEnd(n)) {
      firing.put(key, n); // a later alert of the same pair replaces an ended one
    }
    listeners.forEach(listener -> listener.accept(n));
  }

  private static byte[] timeKey(AlertNotification n) {
    return LocalStore.key(BY_TIME, LocalStore.time(n.createdAt()), n.notificationId());
  }

  private static byte[] allianceKey(AlertNotification n) {
    return LocalStore.key(
        BY_ALLIANCE, n.allianceId(), LocalStore.time(n.createdAt()), n.notificationId());
  }

  private void keep(AlertNotification n) {
    byte[] timeKey = timeKey(n);
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(timeKey, SERDE.serializer().serialize(null, n));
      batch.put(allianceKey(n), timeKey);
      store().write(batch);
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot keep notification " + n.notificationId(), e);
    }
    pruneNowAndThen();
  }

  /**
   * Drops what the topic no longer keeps, once a {@link #PRUNE_EVERY}: the notifications made
   * before now minus {@code retention.ms} (the broker deletes by segment, so it may keep some a
   * little longer; the listing never shows more than the retention).
   */
  private void pruneNowAndThen() {
    Instant now = Instant.now();
    if (prunedAt.plus(PRUNE_EVERY).isAfter(now)) {
      return;
    }
    prunedAt = now;
    dropExpired();
  }

  /**
   * Drops from the local store the notifications older than the topic's retention (at most 10,000
   * at a time), and tells how many.
   */
  public synchronized int dropExpired() {
    Instant now = Instant.now();
    if (retention.isEmpty()) {
      return 0;
    }
    byte[] cutoff = LocalStore.key(BY_TIME, LocalStore.time(now.minus(retention.get())));
    List<AlertNotification> old = new ArrayList<>();
    store()
        .ascending(
            LocalStore.key(BY_TIME),
            (key, value) -> {
              if (Arrays.compareUnsigned(key, cutoff) >= 0) {
                return false;
              }
              old.add(SERDE.deserializer().deserialize(null, value));
              return old.size() < 10_000; // the rest at the next prune
            });
    try (WriteBatch batch = new WriteBatch()) {
      for (AlertNotification n : old) {
        batch.delete(timeKey(n));
        batch.delete(allianceKey(n));
      }
      store().write(batch);
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot drop old notifications", e);
    }
    if (!old.isEmpty()) {
      LOG.debugf("dropped %d notifications older than the retention", old.size());
    }
    return old.size();
  }

  /** Whether the local store holds {@code n} (what the retention drops is no longer held). */
  public boolean holds(AlertNotification n) {
    return store().get(timeKey(n)) != null;
  }

  private LocalStore store() {
    LocalStore current = store;
    if (current == null) {
      throw new LocalStore.StoreClosedException("the alert history is not loaded (restarting)");
    }
    return current;
  }

  /**
   * Newest first; {@code from} inclusive, {@code to} exclusive on the time each was made; never
   * older than the topic's retention (what the broker no longer keeps is not history either).
   */
  public List<AlertNotification> find(
      String allianceId, String status, Instant from, Instant to, int limit) {
    Optional<Instant> kept = retention.map(r -> Instant.now().minus(r));
    if (kept.isPresent() && (from == null || from.isBefore(kept.get()))) {
      from = kept.get();
    }
    byte[] prefix =
        allianceId == null ? LocalStore.key(BY_TIME) : LocalStore.key(BY_ALLIANCE, allianceId);
    byte[] before = to == null ? null : LocalStore.key(prefix, LocalStore.time(to));
    byte[] notBelow = from == null ? null : LocalStore.key(prefix, LocalStore.time(from));
    List<AlertNotification> found = new ArrayList<>();
    LocalStore current = store();
    current.descending(
        prefix,
        before,
        notBelow,
        (key, value) -> {
          byte[] json = allianceId == null ? value : current.get(value);
          if (json != null) {
            AlertNotification n = SERDE.deserializer().deserialize(null, json);
            if (status == null || status.equals(n.status())) {
              found.add(n);
            }
          }
          return found.size() < limit;
        });
    return found;
  }

  private void subscriptionChanged(String subscriptionId, Subscription subscription) {
    if (!ready()) {
      return; // loading: the history is read after the subscriptions, and filtered when asked
    }
    firing
        .values()
        .removeIf(
            n ->
                n.subscriptionId().equals(subscriptionId)
                    && (subscription == null || !subscription.covers(n.allianceId())));
    Instant now = Instant.now();
    changes
        .computeIfAbsent(subscriptionId, id -> new CopyOnWriteArrayList<>())
        .add(new Change(now, subscription));
    // what is older than the race window is forgotten, for every subscription: bounded by the
    // changes of the last ten minutes
    changes.values().forEach(log -> log.removeIf(c -> c.at().isBefore(now.minus(RACE_WINDOW))));
    changes.values().removeIf(List::isEmpty);
  }

  /**
   * Whether a firing or repeat was made before a change that ended its pair (a DELETE, or a PUT
   * that dropped the alliance): the engine may make one just before the change, and the history
   * reads it after (two topics, two readers). Such a notification stays in the history but does not
   * make its alert active.
   */
  private boolean madeBeforeItsEnd(AlertNotification n) {
    List<Change> log = changes.getOrDefault(n.subscriptionId(), List.of());
    return log.stream()
        .anyMatch(
            change ->
                change.at().isAfter(n.createdAt())
                    && (change.subscription() == null
                        || !change.subscription().covers(n.allianceId())));
  }

  /**
   * The alerts firing now, newest first: per (subscription, alliance), the last firing or repeat
   * not followed by its "resolved", for a subscription that still watches the alliance. (After a
   * restart the history cannot tell an alliance dropped and added back from one watched all along:
   * the subscription filter then keeps an alert the drop had ended until the pair fires or resolves
   * again; README, "Decisions".)
   */
  public List<AlertNotification> active() {
    return firing.values().stream()
        .filter(
            n ->
                subscriptions
                    .find(n.subscriptionId())
                    .filter(s -> s.covers(n.allianceId()))
                    .isPresent())
        .sorted(Comparator.comparing(AlertNotification::startsAt).reversed())
        .toList();
  }
}
