package io.alliancewatch.ingest.health;

import io.alliancewatch.ingest.kafka.KafkaClients;
import io.alliancewatch.ingest.registry.AllianceRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Kafka answers and the alliance registry has been read: then a POST can be taken. */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

  private final KafkaClients clients;
  private final AllianceRegistry registry;

  public KafkaReadiness(KafkaClients clients, AllianceRegistry registry) {
    this.clients = clients;
    this.registry = registry;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("kafka")
            .withData("bootstrap.servers", clients.bootstrapServers())
            .withData("registry.loaded", registry.isLoaded());
    try {
      int nodes = clients.admin().describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
      response.withData("brokers", nodes);
      return response.status(nodes > 0 && registry.isLoaded()).build();
    } catch (Exception e) {
      return response.down().withData("error", String.valueOf(e.getMessage())).build();
    }
  }
}
