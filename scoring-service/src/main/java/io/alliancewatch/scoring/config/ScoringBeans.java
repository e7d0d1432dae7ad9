package io.alliancewatch.scoring.config;

import io.alliancewatch.scoring.model.ModelConfig;
import io.alliancewatch.scoring.model.ScoringModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The plain-Java model and this instance's address, as beans. */
@ApplicationScoped
public class ScoringBeans {

  @Produces
  @Singleton
  ScoringModel model(ScoringConfig config) {
    return new ScoringModel(ModelConfig.load(config.model().version()));
  }

  /** What this instance advertises to the others ({@code application.server}). */
  @Produces
  @Singleton
  HostInfo self(
      @ConfigProperty(name = "quarkus.kafka-streams.application-server") String applicationServer) {
    return HostInfo.buildFromEndpoint(applicationServer);
  }
}
