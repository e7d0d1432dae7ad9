package io.alliancewatch.alert.app;

import io.alliancewatch.alert.engine.AlertEngine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive unless the engine has failed for good (a restart is the remedy). */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

  private final AlertEngine engine;

  public LivenessCheck(AlertEngine engine) {
    this.engine = engine;
  }

  @Override
  public HealthCheckResponse call() {
    String state = engine.state();
    return HealthCheckResponse.named("alert-engine")
        .status(!state.equals("ERROR"))
        .withData("state", state)
        .build();
  }
}
