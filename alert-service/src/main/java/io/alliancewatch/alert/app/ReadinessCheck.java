package io.alliancewatch.alert.app;

import io.alliancewatch.alert.delivery.DeliveryService;
import io.alliancewatch.alert.engine.AlertEngine;
import io.alliancewatch.alert.history.NotificationHistory;
import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.subscription.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every view is loaded, deliveries are taken and the engine runs. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

  private final RegistryView registry;
  private final SubscriptionRepository subscriptions;
  private final NotificationHistory history;
  private final DeliveryService deliveries;
  private final AlertEngine engine;

  public ReadinessCheck(
      RegistryView registry,
      SubscriptionRepository subscriptions,
      NotificationHistory history,
      DeliveryService deliveries,
      AlertEngine engine) {
    this.registry = registry;
    this.subscriptions = subscriptions;
    this.history = history;
    this.deliveries = deliveries;
    this.engine = engine;
  }

  @Override
  public HealthCheckResponse call() {
    boolean up =
        registry.ready()
            && subscriptions.ready()
            && history.ready()
            && deliveries.running()
            && engine.running();
    return HealthCheckResponse.named("alert-service")
        .status(up)
        .withData("registry", registry.ready())
        .withData("subscriptions", subscriptions.ready())
        .withData("history", history.ready())
        .withData("deliveries", deliveries.running())
        .withData("engine", engine.state())
        .build();
  }
}
