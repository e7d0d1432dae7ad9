package io.alliancewatch.alert.subscription;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.kafka.TopicTail;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.alert.Subscription;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.http.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The subscriptions: written to the compacted topic (acknowledged before the caller hears
 * "stored"), read back from it by every instance, so all instances and every restart see the same
 * set.
 */
@ApplicationScoped
public class SubscriptionRepository {

  private final Map<String, Subscription> byId = new ConcurrentHashMap<>();

  /**
   * What this instance wrote and applied at once, per id, oldest first, until the tail reads it
   * back: that echo is then skipped, so an older write read back after a newer one was applied
   * cannot undo it, even for the moment until the newer one's echo (guarded by this object).
   */
  private final Map<String, Deque<byte[]>> unechoed = new HashMap<>();

  private final List<BiConsumer<String, Subscription>> listeners = new CopyOnWriteArrayList<>();
  private final KafkaClients clients;
  private final AlertsConfig config;
  private final TopicTail<String, Subscription> tail;

  public SubscriptionRepository(KafkaClients clients, AlertsConfig config) {
    this.clients = clients;
    this.config = config;
    this.tail =
        new TopicTail<>(
            clients,
            config.topics().subscriptions(),
            Topics.SUBSCRIPTIONS.keySerde().deserializer(),
            Topics.SUBSCRIPTIONS.valueSerde().deserializer(),
            this::applyRead,
            "the subscriptions");
  }

  public void start(Duration loadTimeout) throws InterruptedException {
    tail.start(loadTimeout);
  }

  public boolean ready() {
    return tail.isCaughtUp();
  }

  /** Called with (id, subscription or null when deleted) on every change any instance makes. */
  public void onChange(BiConsumer<String, Subscription> listener) {
    listeners.add(listener);
  }

  private synchronized void applyRead(String id, Subscription subscription) {
    Deque<byte[]> mine = unechoed.get(id);
    if (mine != null && Arrays.equals(mine.peekFirst(), bytes(subscription))) {
      mine.removeFirst();
      if (mine.isEmpty()) {
        unechoed.remove(id);
      }
      return; // applied when written
    }
    apply(id, subscription);
  }

  private byte[] bytes(Subscription subscription) {
    return subscription == null
        ? new byte[0]
        : Topics.SUBSCRIPTIONS
            .valueSerde()
            .serializer()
            .serialize(config.topics().subscriptions(), subscription);
  }

  private void apply(String id, Subscription subscription) {
    if (subscription == null) {
      byId.remove(id);
    } else {
      byId.put(id, subscription);
    }
    listeners.forEach(listener -> listener.accept(id, subscription));
  }

  public Optional<Subscription> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The subscription if {@code caller} may see it: its owner or an admin (security.md); another
   * subscriber's is empty, as one that does not exist.
   */
  public Optional<Subscription> findVisible(String id, Caller caller) {
    return find(id).filter(s -> caller.isAdmin() || s.isOwnedBy(caller.subject()));
  }

  /** What {@code caller} may see of {@link #all()}: its own, or all for an admin. */
  public List<Subscription> allVisible(Caller caller) {
    return all().stream().filter(s -> caller.isAdmin() || s.isOwnedBy(caller.subject())).toList();
  }

  public List<Subscription> all() {
    return byId.values().stream()
        .sorted(Comparator.comparing(Subscription::createdAt).thenComparing(Subscription::id))
        .toList();
  }

  /** Who the {@code x-changed-by} header names for a subscription disabled after a 410 Gone. */
  static final String DISABLED_BY = "alert-service (410 Gone)";

  /**
   * Stores and waits for Kafka's acknowledgement; this instance sees it at once.
   *
   * @param changedBy who made the change (a token's {@code sub}), in the {@code x-changed-by}
   *     header
   */
  public void save(Subscription subscription, String changedBy) {
    write(subscription.id(), subscription, changedBy);
  }

  public void delete(String id, String changedBy) {
    write(id, null, changedBy);
  }

  /** After a 410 Gone: keeps everything, sends nothing until a PUT makes it active again. */
  public void disable(String id, String reason, Instant at) {
    find(id)
        .filter(s -> Subscription.STATUS_ACTIVE.equals(s.status()))
        .ifPresent(s -> save(s.disabled(at, reason), DISABLED_BY));
  }

  private synchronized void write(String id, Subscription subscription, String changedBy) {
    clients.sendAndWait(
        config.topics().subscriptions(),
        id,
        subscription,
        Topics.SUBSCRIPTIONS.keySerde().serializer(),
        Topics.SUBSCRIPTIONS.valueSerde().serializer(),
        Map.of(Access.CHANGED_BY_HEADER, changedBy));
    // applying it here gives read-your-writes; the tail's echo of it, moments later, is skipped
    unechoed.computeIfAbsent(id, k -> new ArrayDeque<>()).addLast(bytes(subscription));
    apply(id, subscription);
  }

  public void stop() {
    tail.close();
  }
}
