package io.alliancewatch.scoring.model;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.ScoreRecord;
import java.time.Instant;
import java.util.List;

/** One alliance fed through the model as the topology feeds it: check, dedup, count, evaluate. */
final class ModelHarness {

  static final ScoringModel MODEL = new ScoringModel(ModelConfig.load("2026.1"));

  private final Alliance alliance;
  private final AllianceState state = MODEL.newState();
  private final EventLedger ledger = new InMemoryEventLedger();
  private int duplicates;

  ModelHarness(Alliance alliance) {
    this.alliance = alliance;
  }

  ModelHarness feed(List<IndicatorEvent> events) {
    events.forEach(this::feed);
    return this;
  }

  ModelHarness feed(IndicatorEvent event) {
    if (EventCheck.problem(alliance.id(), event).isPresent()) {
      throw new IllegalArgumentException(EventCheck.problem(alliance.id(), event).get());
    }
    if (MODEL.accept(alliance.id(), state, event, ledger) == ScoringModel.Outcome.DUPLICATE) {
      duplicates++;
    }
    return this;
  }

  ScoreRecord at(String asOf) {
    return at(Instant.parse(asOf));
  }

  ScoreRecord at(Instant asOf) {
    return MODEL.evaluate(alliance.id(), state, alliance, asOf);
  }

  AllianceState state() {
    return state;
  }

  int duplicates() {
    return duplicates;
  }
}
