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
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A state survives the store in parts exactly; an event rewrites only its own part; states stored
 * whole as JSON by an earlier version are still read.
 */
class AllianceStatesTest {

  private static final ScoringModel MODEL = new ScoringModel(ModelConfig.load("2026.1"));
  private static final Alliance NATO = TestData.alliances().get("NATO");
  private static final Instant AS_OF = Instant.parse("2026-03-24T12:00:00.123456789Z");

  private final InMemoryEventLedger ledger = new InMemoryEventLedger();
  private KeyValueStore<String, byte[]> store;

  @BeforeEach
  void store() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("scoring-state"), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
  }

  @Test
  void aStateWrittenInPartsReadsBackScoringExactlyAsTheOriginal() {
    AllianceState state = busyNatoState();

    AllianceStates.writeAll(store, "NATO", state);
    AllianceState read = AllianceStates.read(store, "NATO");

    assertThat(MODEL.evaluate("NATO", read, NATO, AS_OF))
        .isEqualTo(MODEL.evaluate("NATO", state, NATO, AS_OF));
    assertThat(read.referenceTime()).isEqualTo(state.referenceTime());
    assertThat(contents().keySet())
        .contains(
            "NATO", "NATO/candidates/CYBER_INCIDENT", "NATO/spending/USA", "NATO/spending/POL")
        .hasSize(1 + state.candidateTypes().size() + state.spending().size());
    assertThat(store.get("NATO")[0]).as("Smile, not JSON text").isEqualTo((byte) ':');
  }

  @Test
  void anEventRewritesTheCoreAndItsOwnPartOnly() {
    AllianceState state = busyNatoState();
    AllianceStates.writeAll(store, "NATO", state);
    Map<String, byte[]> before = contents();
    IndicatorEvent incident =
        TestData.event(
            "analyst",
            "new",
            IndicatorType.CYBER_INCIDENT,
            "NATO",
            "EST",
            0.99,
            null,
            "2026-03-20T00:00:00Z");

    MODEL.accept("NATO", state, incident, ledger);
    AllianceStates.writeChange(store, "NATO", state, incident);

    Map<String, byte[]> after = contents();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    after.forEach(
        (key, value) -> {
          boolean changed = !java.util.Arrays.equals(value, before.get(key));
          assertThat(changed)
              .as(key)
              .isEqualTo(key.equals("NATO") || key.equals("NATO/candidates/CYBER_INCIDENT"));
        });
    assertThat(MODEL.evaluate("NATO", AllianceStates.read(store, "NATO"), NATO, AS_OF))
        .isEqualTo(MODEL.evaluate("NATO", state, NATO, AS_OF));
  }

  @Test
  void aSpendingReportRewritesItsMembersPart() {
    AllianceState state = busyNatoState();
    AllianceStates.writeAll(store, "NATO", state);
    IndicatorEvent report =
        TestData.spending(
            "nato", "pol-2026", "NATO", "POL", 4.7, Instant.parse("2026-03-15T00:00:00Z"));

    MODEL.accept("NATO", state, report, ledger);
    AllianceStates.writeChange(store, "NATO", state, report);

    AllianceState read = AllianceStates.read(store, "NATO");
    assertThat(read.spending().get("POL").value()).isEqualTo(4.7);
    assertThat(MODEL.evaluate("NATO", read, NATO, AS_OF))
        .isEqualTo(MODEL.evaluate("NATO", state, NATO, AS_OF));
  }

  @Test
  void aStateStoredWholeAsJsonByAnEarlierVersionIsRead() {
    AllianceState state = busyNatoState();
    store.put("NATO", new JsonSerde<>(AllianceState.class).serializer().serialize("t", state));

    AllianceState read = AllianceStates.read(store, "NATO");

    assertThat(MODEL.evaluate("NATO", read, NATO, AS_OF))
        .isEqualTo(MODEL.evaluate("NATO", state, NATO, AS_OF));
  }

  @Test
  void anAllianceWithoutRecordsHasNoStateAndOthersPartsAreNotItsOwn() {
    AllianceStates.writeAll(store, "NATO", busyNatoState());

    assertThat(AllianceStates.read(store, "NAT")).isNull();
    store.put("NAT", AllianceStates.write(MODEL.newState()));
    assertThat(AllianceStates.read(store, "NAT").spending()).isEmpty();
    assertThat(AllianceStates.isAlliance("NATO")).isTrue();
    assertThat(AllianceStates.isAlliance("NATO/spending/USA")).isFalse();
  }

  @Test
  void anUnreadableRecordSaysWhichOne() {
    store.put("NATO", "nonsense".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> AllianceStates.read(store, "NATO"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("NATO");

    store.put("NATO", AllianceStates.write(MODEL.newState()));
    store.put("NATO/spending/USA", "nonsense".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> AllianceStates.read(store, "NATO"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("NATO/spending/USA");
  }

  private Map<String, byte[]> contents() {
    Map<String, byte[]> all = new HashMap<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        all.put(entry.key, entry.value);
      }
    }
    return all;
  }

  /** Spending of every member, and candidates of several types with nanoseconds and URLs. */
  private AllianceState busyNatoState() {
    AllianceState state = MODEL.newState();
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
