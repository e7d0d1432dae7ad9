package io.alliancewatch.scoring.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.scoring.model.ModelConfig;
import io.alliancewatch.scoring.model.ScoringModel;
import io.alliancewatch.scoring.testdata.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The processor with Kafka's MockProcessorContext. One that starts on stores another one filled (a
 * restart, a rebalance, a restore from the changelog) scores from what is stored: nothing it needs
 * lives only in the first one's memory. Its emissions are paced to what commits cost.
 */
class ScoreProcessorTest {

  private static final ScoringModel MODEL = new ScoringModel(ModelConfig.load("2026.1"));
  private static final Instant LATEST_AUKUS_EVENT = Instant.parse("2026-03-10T12:00:00Z");

  private final CountingMetrics metrics = new CountingMetrics();
  private KeyValueStore<String, byte[]> states;
  private KeyValueStore<String, Long> seen;
  private KeyValueStore<String, byte[]> pending;
  private TimestampedKeyValueStore<String, Alliance> registry;

  @BeforeEach
  void stores() {
    MockProcessorContext<String, ScoreRecord> setup = new MockProcessorContext<>();
    states =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ScoringTopology.STATE_STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    seen =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ScoringTopology.SEEN_STORE),
                Serdes.String(),
                Serdes.Long())
            .withLoggingDisabled()
            .build();
    pending =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ScoringTopology.PENDING_STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    registry =
        Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ScoringTopology.REGISTRY_STORE),
                Serdes.String(),
                Topics.REGISTRY.valueSerde())
            .withLoggingDisabled()
            .build();
    states.init(setup.getStateStoreContext(), states);
    seen.init(setup.getStateStoreContext(), seen);
    pending.init(setup.getStateStoreContext(), pending);
    registry.init(setup.getStateStoreContext(), registry);
    TestData.alliances().values().forEach(a -> registry.put(a.id(), ValueAndTimestamp.make(a, 0L)));
  }

  @Test
  void givenStatesAnotherProcessorWrote_whenTheNewOneTicksAndCounts_thenItScoresFromThem() {
    List<IndicatorEvent> example = TestData.aukusExample();
    MockProcessorContext<String, ScoreRecord> first = context(LATEST_AUKUS_EVENT);
    ScoreProcessor before = processor(first);
    process(before, example.get(0));
    process(before, example.get(1));
    emit(first, LATEST_AUKUS_EVENT);
    before.close();

    Instant twoWeeksLater = LATEST_AUKUS_EVENT.plus(Duration.ofDays(14));
    MockProcessorContext<String, ScoreRecord> second = context(twoWeeksLater);
    ScoreProcessor after = processor(second);
    second.scheduledPunctuators().get(TICK).getPunctuator().punctuate(twoWeeksLater.toEpochMilli());

    List<CapturedForward<? extends String, ? extends ScoreRecord>> ticked = second.forwarded();
    assertThat(ticked).as("the tick read the stored state").hasSize(1);
    assertThat(ticked.get(0).record().value().eventCount()).isEqualTo(2);
    second.resetForwards();

    process(after, example.get(2));
    process(after, example.get(3)); // the duplicate of the second: the ledger was stored too
    emit(second, twoWeeksLater);

    assertThat(second.forwarded()).hasSize(1);
    ScoreRecord last = second.forwarded().get(0).record().value();
    assertThat(last.eventCount()).isEqualTo(3);
    assertThat(metrics.count("duplicate")).isEqualTo(1);
    // example 4 at its second asOf, from a state put together from the store
    assertThat(last.cohesion()).isCloseTo(79.2592, within(0.005));
    assertThat(last.risk()).isCloseTo(22.7221, within(0.005));
    assertThat(last.drivers())
        .as("candidates stored by the first processor are still drivers")
        .extracting(ScoreRecord.Driver::id)
        .containsExactlyInAnyOrder("a1", "a2", "a3");
    assertThat(AllianceStates.read(states, "AUKUS").eventCount()).isEqualTo(3);
  }

  @Test
  void givenEventsCountedButNotEmittedWhenTheProcessDied_whenANewOneStarts_thenItEmitsThem() {
    List<IndicatorEvent> example = TestData.aukusExample();
    MockProcessorContext<String, ScoreRecord> first = context(LATEST_AUKUS_EVENT);
    ScoreProcessor before = processor(first);
    process(before, example.get(0));
    process(before, example.get(1));
    process(before, example.get(2));
    // the process dies here: counted and stored, not emitted (no emit interval has passed)
    assertThat(first.forwarded()).isEmpty();

    MockProcessorContext<String, ScoreRecord> second = context(LATEST_AUKUS_EVENT);
    processor(second);
    emit(second, LATEST_AUKUS_EVENT);

    assertThat(second.forwarded()).as("the update is not lost").hasSize(1);
    ScoreRecord record = second.forwarded().get(0).record().value();
    ScoreModelReplay.assertSameScore(
        record, ScoreModelReplay.expected("AUKUS", example, LATEST_AUKUS_EVENT));
    assertThat(record.cohesion()).isCloseTo(78.6962, within(0.005));
    assertThat(second.committed()).as("emitted, then committed").isTrue();
    second.resetForwards();
    emit(second, LATEST_AUKUS_EVENT.plusMillis(20));
    assertThat(second.forwarded()).as("emitted once").isEmpty();
  }

  @Test
  void givenCommitsSlowerThanTheEmitInterval_thenEmissionsSpaceOutAndComeBackOnceTheyAreCheap() {
    Instant now = LATEST_AUKUS_EVENT;
    MockProcessorContext<String, ScoreRecord> context = context(now);
    ScoreProcessor processor = processor(context);
    List<IndicatorEvent> burst = TestData.burst("AUKUS", 80, now.minus(Duration.ofDays(1)));
    assertThat(emission(context).getInterval()).isEqualTo(Duration.ofMillis(20));

    // each commit takes 100 ms: the next record is processed that much after the emission
    for (IndicatorEvent event : burst.subList(0, 40)) {
      process(processor, event);
      emitNow(context, now);
      now = now.plusMillis(100);
      context.setCurrentSystemTimeMs(now.toEpochMilli());
    }
    assertThat(emission(context).getInterval())
        .as("commits take at most a third of the time")
        .isBetween(Duration.ofMillis(250), Duration.ofMillis(300));
    assertThat(context.forwarded()).as("every emission emitted").hasSize(40);

    // commits cheap again: after each emission, the emission's punctuation comes first
    for (IndicatorEvent event : burst.subList(40, 80)) {
      process(processor, event);
      emitNow(context, now);
      now = now.plus(emission(context).getInterval());
      emitNow(context, now);
    }
    assertThat(emission(context).getInterval()).isEqualTo(Duration.ofMillis(20));
    assertThat(
            context.forwarded().get(context.forwarded().size() - 1).record().value().eventCount())
        .isEqualTo(80);
  }

  /** The emission's punctuator as scheduled now (it is rescheduled when its pace changes). */
  private static MockProcessorContext.CapturedPunctuator emission(
      MockProcessorContext<String, ScoreRecord> context) {
    List<MockProcessorContext.CapturedPunctuator> scheduled = context.scheduledPunctuators();
    for (int i = scheduled.size() - 1; i > TICK; i--) {
      if (!scheduled.get(i).cancelled()) {
        return scheduled.get(i);
      }
    }
    throw new AssertionError("no emission scheduled");
  }

  private static void emitNow(MockProcessorContext<String, ScoreRecord> context, Instant at) {
    context.setCurrentSystemTimeMs(at.toEpochMilli());
    emission(context).getPunctuator().punctuate(at.toEpochMilli());
  }

  private static final int TICK = 0;
  private static final int EMIT = 1;

  /** The emit interval's punctuation, as the stream thread would run it at {@code at}. */
  private static void emit(MockProcessorContext<String, ScoreRecord> context, Instant at) {
    context.setCurrentSystemTimeMs(at.toEpochMilli());
    context.scheduledPunctuators().get(EMIT).getPunctuator().punctuate(at.toEpochMilli());
  }

  private MockProcessorContext<String, ScoreRecord> context(Instant wallClock) {
    MockProcessorContext<String, ScoreRecord> context = new MockProcessorContext<>();
    context.addStateStore(states);
    context.addStateStore(seen);
    context.addStateStore(pending);
    context.addStateStore(registry);
    context.setCurrentSystemTimeMs(wallClock.toEpochMilli());
    return context;
  }

  private ScoreProcessor processor(MockProcessorContext<String, ScoreRecord> context) {
    ScoreProcessor processor =
        new ScoreProcessor(MODEL, Duration.ofSeconds(60), Duration.ofMillis(20), metrics);
    processor.init(context);
    return processor;
  }

  private static void process(ScoreProcessor processor, IndicatorEvent event) {
    processor.process(
        new Record<>(
            event.allianceId(),
            Topics.INDICATORS.valueSerde().serializer().serialize("t", event),
            event.occurredAt().toEpochMilli()));
  }
}
