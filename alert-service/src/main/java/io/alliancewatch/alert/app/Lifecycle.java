package io.alliancewatch.alert.app;

import io.alliancewatch.alert.delivery.DeliveryService;
import io.alliancewatch.alert.engine.AlertEngine;
import io.alliancewatch.alert.history.NotificationHistory;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.subscription.SubscriptionRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * Starts the parts in the order they depend on each other: the topics, the views an API answer
 * needs (registry, subscriptions, history), the deliveries, and last the engine that makes
 * notifications.
 */
@ApplicationScoped
public class Lifecycle {

  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaClients clients;
  private final RegistryView registry;
  private final SubscriptionRepository subscriptions;
  private final NotificationHistory history;
  private final DeliveryService deliveries;
  private final AlertEngine engine;

  public Lifecycle(
      KafkaClients clients,
      RegistryView registry,
      SubscriptionRepository subscriptions,
      NotificationHistory history,
      DeliveryService deliveries,
      AlertEngine engine) {
    this.clients = clients;
    this.registry = registry;
    this.subscriptions = subscriptions;
    this.history = history;
    this.deliveries = deliveries;
    this.engine = engine;
  }

  void onStart(@Observes StartupEvent event) throws InterruptedException {
    clients.ensureTopics();
    registry.start(LOAD_TIMEOUT);
    subscriptions.start(LOAD_TIMEOUT);
    history.start(LOAD_TIMEOUT);
    deliveries.start(LOAD_TIMEOUT);
    engine.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    engine.stop(false);
    deliveries.stop();
    history.stop();
    subscriptions.stop();
    registry.stop();
  }

  /**
   * Restarts the durable part as a crash-free redeploy would: the engine (its local state wiped, so
   * it is rebuilt from the changelog) and the delivery side (its log re-read from Kafka).
   */
  public void restartDurableParts() throws InterruptedException {
    engine.stop(true);
    deliveries.stop();
    deliveries.start(LOAD_TIMEOUT);
    engine.start();
  }
}
