package io.alliancewatch.scoring.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.scoring.model.AllianceState;
import io.alliancewatch.scoring.model.InMemoryEventLedger;
import io.alliancewatch.scoring.model.ModelConfig;
import io.alliancewatch.scoring.model.ScoringModel;
import io.alliancewatch.scoring.testdata.TestData;
import java.time.Instant;
import java.util.List;

/** The plain model's record after a list of events: what the topology must have emitted. */
final class ScoreModelReplay {

  private static final ScoringModel MODEL = new ScoringModel(ModelConfig.load("2026.1"));

  private ScoreModelReplay() {}

  static ScoreRecord expected(String allianceId, List<IndicatorEvent> events, Instant now) {
    AllianceState state = MODEL.newState();
    InMemoryEventLedger ledger = new InMemoryEventLedger();
    events.forEach(event -> MODEL.accept(allianceId, state, event, ledger));
    return MODEL.evaluate(
        allianceId,
        state,
        TestData.alliances().get(allianceId),
        ScoringModel.emissionTime(state, now));
  }

  static void assertSameScore(ScoreRecord actual, ScoreRecord expected) {
    assertThat(actual.asOf()).isEqualTo(expected.asOf());
    assertThat(actual.eventCount()).isEqualTo(expected.eventCount());
    assertThat(actual.cohesion()).isCloseTo(expected.cohesion(), within(1e-9));
    assertThat(actual.risk()).isCloseTo(expected.risk(), within(1e-9));
    assertThat(actual.contributions()).isEqualTo(expected.contributions());
    assertThat(actual.drivers()).isEqualTo(expected.drivers());
  }
}
