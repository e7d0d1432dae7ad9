package io.alliancewatch.scoring.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the Kafka Streams application runs: its tasks assigned and restored, so that scores
 * and history can be answered and records are emitted. (Quarkus' own readiness check only asks
 * whether the topics exist: after a crash it said UP 40 s before the tasks were back.) While it
 * rebalances it is not ready; liveness, Quarkus' Kafka Streams state check, stays UP then.
 */
@Readiness
@ApplicationScoped
public class StreamsReadiness implements HealthCheck {

  private final KafkaStreams streams;

  public StreamsReadiness(KafkaStreams streams) {
    this.streams = streams;
  }

  @Override
  public HealthCheckResponse call() {
    KafkaStreams.State state = streams.state();
    return HealthCheckResponse.named("scoring-streams")
        .status(state == KafkaStreams.State.RUNNING)
        .withData("state", state.name())
        .build();
  }
}
