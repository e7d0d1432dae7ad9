package io.alliancewatch.scoring.topology;

import io.alliancewatch.scoring.config.ScoringConfig;
import io.alliancewatch.scoring.model.ScoringModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** The one topology of the service, built from the plain-Java model. */
@ApplicationScoped
public class TopologyProducer {

  @Produces
  public Topology topology(ScoringModel model, ScoringConfig config, ScoringMetrics metrics) {
    return ScoringTopology.build(
        model,
        new ScoringTopology.Settings(
            config.topics().indicators(),
            config.topics().registry(),
            config.topics().scores(),
            config.tickInterval(),
            config.emitInterval(),
            config.history().retention()),
        metrics);
  }
}
