package io.alliancewatch.alert.subscription;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.kafka.TopicTail;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.alert.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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
            this::apply,
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

  public List<Subscription> all() {
    return byId.values().stream()
        .sorted(Comparator.comparing(Subscription::createdAt).thenComparing(Subscription::id))
        .toList();
  }

  /** Stores and waits for Kafka's acknowledgement; this instance sees it at once. */
  public void save(Subscription subscription) {
    write(subscription.id(), subscription);
  }

  public void delete(String id) {
    write(id, null);
  }

  /** After a 410 Gone: keeps everything, sends nothing until a PUT makes it active again. */
  public void disable(String id, String reason, Instant at) {
    find(id)
        .filter(s -> Subscription.STATUS_ACTIVE.equals(s.status()))
        .ifPresent(
            s ->
                save(
                    new Subscription(
                        s.id(),
                        s.name(),
                        s.alliances(),
                        s.metric(),
                        s.condition(),
                        s.threshold(),
                        s.recoveryThreshold(),
                        s.forSeconds(),
                        s.repeatIntervalSeconds(),
                        s.webhook(),
                        Subscription.STATUS_DISABLED,
                        at,
                        reason,
                        s.createdAt())));
  }

  private void write(String id, Subscription subscription) {
    clients.sendAndWait(
        config.topics().subscriptions(),
        id,
        subscription,
        Topics.SUBSCRIPTIONS.keySerde().serializer(),
        Topics.SUBSCRIPTIONS.valueSerde().serializer());
    // the tail applies it too, moments later; applying it here gives read-your-writes
    apply(id, subscription);
  }

  public void stop() {
    tail.close();
  }
}
