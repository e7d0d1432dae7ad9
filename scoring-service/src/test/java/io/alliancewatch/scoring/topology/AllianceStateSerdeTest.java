package io.alliancewatch.scoring.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.JsonSerde;
import io.alliancewatch.scoring.model.AllianceState;
import io.alliancewatch.scoring.model.InMemoryEventLedger;
import io.alliancewatch.scoring.model.ModelConfig;
import io.alliancewatch.scoring.model.ScoringModel;
import io.alliancewatch.scoring.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** A state survives its store and changelog exactly, and states written as JSON are still read. */
class AllianceStateSerdeTest {

  private static final ScoringModel MODEL = new ScoringModel(ModelConfig.load("2026.1"));
  private static final Alliance NATO = TestData.alliances().get("NATO");
  private static final Instant AS_OF = Instant.parse("2026-03-24T12:00:00.123456789Z");

  private final AllianceStateSerde serde = new AllianceStateSerde();

  @Test
  void aStateReadBackScoresExactlyAsTheOriginal() {
    AllianceState state = busyNatoState();

    byte[] bytes = serde.serializer().serialize("t", state);
    AllianceState read = serde.deserializer().deserialize("t", bytes);

    assertThat(bytes[0]).as("a Smile document, not JSON text").isEqualTo((byte) ':');
    assertThat(MODEL.evaluate("NATO", read, NATO, AS_OF))
        .isEqualTo(MODEL.evaluate("NATO", state, NATO, AS_OF));
    assertThat(read.referenceTime()).isEqualTo(state.referenceTime());
    assertThat(serde.serializer().serialize("t", read)).isEqualTo(bytes);
  }

  @Test
  void aStateWrittenAsJsonByAnEarlierVersionIsRead() {
    AllianceState state = busyNatoState();
    byte[] json = new JsonSerde<>(AllianceState.class).serializer().serialize("t", state);

    AllianceState read = serde.deserializer().deserialize("t", json);

    assertThat(MODEL.evaluate("NATO", read, NATO, AS_OF))
        .isEqualTo(MODEL.evaluate("NATO", state, NATO, AS_OF));
  }

  @Test
  void aTombstoneStaysNullAndGarbageSaysWhere() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
    assertThatThrownBy(
            () ->
                serde
                    .deserializer()
                    .deserialize(
                        "scoring-state-changelog", "nonsense".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("scoring-state-changelog");
  }

  /** Spending of every member, and candidates of several types with nanoseconds and URLs. */
  private static AllianceState busyNatoState() {
    AllianceState state = MODEL.newState();
    InMemoryEventLedger ledger = new InMemoryEventLedger();
    for (IndicatorEvent report : TestData.natoSpending(2024)) {
      MODEL.accept("NATO", state, report, ledger);
    }
    IndicatorType[] types = {
      IndicatorType.CYBER_INCIDENT, IndicatorType.POLITICAL_TENSION, IndicatorType.JOINT_EXERCISE
    };
    for (int i = 0; i < 30; i++) {
      IndicatorEvent event =
          new IndicatorEvent(
              "e" + i,
              "analyst",
              types[i % types.length],
              "NATO",
              NATO.members().get(i % NATO.members().size()),
              null,
              0.1 + i / 40.0,
              null,
              i % 2 == 0 ? null : 0.5,
              Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i * 3_600L).plusNanos(i * 7),
              null,
              i % 3 == 0 ? "https://example.org/evidence/" + i : null,
              Instant.parse("2026-03-10T00:00:00Z"));
      MODEL.accept("NATO", state, event, ledger);
    }
    return state;
  }
}
