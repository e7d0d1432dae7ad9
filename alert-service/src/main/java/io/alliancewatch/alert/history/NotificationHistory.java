package io.alliancewatch.alert.history;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.kafka.TopicTail;
import io.alliancewatch.alert.subscription.SubscriptionRepository;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.alert.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The alert history as read from {@code alert.notifications} (committed records only): what {@code
 * /api/alerts} lists, which alerts fire now, and what the SSE stream pushes.
 */
@ApplicationScoped
public class NotificationHistory {

  /** The newest notifications, oldest first, at most {@code alerts.history.max-kept}. */
  private final ArrayDeque<AlertNotification> all = new ArrayDeque<>();

  private final int maxKept;

  /** The last firing notification per (subscription, alliance) whose alert has not resolved. */
  private final Map<String, AlertNotification> firing = new ConcurrentHashMap<>();

  /** How long a notification may take to be read after it was made and still be a race. */
  private static final Duration RACE_WINDOW = Duration.ofMinutes(10);

  /** A subscription as it became at a time (null: deleted), seen live. */
  private record Change(Instant at, Subscription subscription) {}

  /** The live changes of each subscription over the last {@link #RACE_WINDOW}. */
  private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();

  private final SubscriptionRepository subscriptions;
  private final List<Consumer<AlertNotification>> listeners = new CopyOnWriteArrayList<>();
  private final TopicTail<String, AlertNotification> tail;

  public NotificationHistory(
      KafkaClients clients, AlertsConfig config, SubscriptionRepository subscriptions) {
    this.subscriptions = subscriptions;
    this.maxKept = config.history().maxKept();
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

  public void start(Duration loadTimeout) throws InterruptedException {
    tail.start(loadTimeout);
  }

  public void stop() {
    tail.close();
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
    synchronized (all) {
      all.addLast(n);
      if (all.size() > maxKept) {
        all.removeFirst(); // memory stays bounded; the topic keeps the older ones
      }
    }
    String key = n.subscriptionId() + "|" + n.allianceId();
    if (AlertNotification.RESOLVED.equals(n.status())) {
      firing.computeIfPresent(key, (k, open) -> open.alertId().equals(n.alertId()) ? null : open);
    } else if (!madeBeforeItsEnd(n)) {
      firing.put(key, n); // a later alert of the same pair replaces an ended one
    }
    listeners.forEach(listener -> listener.accept(n));
  }

  /** Newest first; {@code from} inclusive, {@code to} exclusive on the time each was made. */
  public List<AlertNotification> find(
      String allianceId, String status, Instant from, Instant to, int limit) {
    List<AlertNotification> snapshot;
    synchronized (all) {
      snapshot = new ArrayList<>(all);
    }
    return snapshot.stream()
        .filter(n -> allianceId == null || allianceId.equals(n.allianceId()))
        .filter(n -> status == null || status.equals(n.status()))
        .filter(n -> from == null || !n.createdAt().isBefore(from))
        .filter(n -> to == null || n.createdAt().isBefore(to))
        .sorted(Comparator.comparing(AlertNotification::createdAt).reversed())
        .limit(limit)
        .toList();
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
    List<Change> log = changes.computeIfAbsent(subscriptionId, id -> new CopyOnWriteArrayList<>());
    log.add(new Change(now, subscription));
    log.removeIf(change -> change.at().isBefore(now.minus(RACE_WINDOW)));
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
