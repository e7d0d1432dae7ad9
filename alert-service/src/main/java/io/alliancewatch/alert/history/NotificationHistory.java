package io.alliancewatch.alert.history;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.kafka.TopicTail;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.alert.AlertNotification;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
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

  private final List<AlertNotification> all = new ArrayList<>();
  private final Map<String, AlertNotification> firing = new ConcurrentHashMap<>();
  private final List<Consumer<AlertNotification>> listeners = new CopyOnWriteArrayList<>();
  private final TopicTail<String, AlertNotification> tail;

  public NotificationHistory(KafkaClients clients, AlertsConfig config) {
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
      all.add(n);
    }
    if (AlertNotification.RESOLVED.equals(n.status())) {
      firing.remove(n.alertId());
    } else {
      firing.put(n.alertId(), n);
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

  /**
   * The alerts whose last notification was "firing", newest first. The caller drops those whose
   * subscription no longer watches the alliance: they stopped without a "resolved".
   */
  public List<AlertNotification> active() {
    return firing.values().stream()
        .sorted(Comparator.comparing(AlertNotification::startsAt).reversed())
        .toList();
  }
}
