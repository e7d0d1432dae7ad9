package io.alliancewatch.scoring.topology;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.scoring.model.ScoringModel;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The scoring topology: indicators in; score records out, at most one per alliance per commit (the
 * state after that commit's events) and after each tick that moved a score (scoring.md sections 8,
 * 9). The registry is a global table (every instance needs every alliance's members and guideline);
 * the alliance states, the ledger of seen events, the alliances counted but not yet emitted and the
 * history of emitted records are local stores on disk, partitioned like the indicators and backed
 * by changelogs.
 */
public final class ScoringTopology {

  /** Alliance states, keyed by alliance id, each in parts ({@link AllianceStates}). */
  public static final String STATE_STORE = "scoring-state";

  /** Every {@code (alliance, source, id)} counted, for the duplicate rule. */
  public static final String SEEN_STORE = "scoring-seen";

  /**
   * The alliances counted since their last record, keyed by alliance id: changelogged, so an
   * alliance counted just before a crash gets its record after the restart.
   */
  public static final String PENDING_STORE = "scoring-pending";

  /**
   * Every record emitted, keyed by alliance id at its {@code asOf} (a window store with duplicates
   * retained): the history, on disk, dropped a segment at a time past the retention.
   */
  public static final String HISTORY_STORE = "scoring-history";

  /** The registry, keyed by alliance id. */
  public static final String REGISTRY_STORE = "scoring-registry";

  /**
   * Where the topology reads and writes, how often time moves scores on, and how often the counted
   * alliances get their records.
   */
  public record Settings(
      String indicatorsTopic,
      String registryTopic,
      String scoresTopic,
      Duration tickInterval,
      Duration emitInterval,
      Duration historyRetention) {

    public static Settings defaults() {
      return new Settings(
          Topics.INDICATORS.name(),
          Topics.REGISTRY.name(),
          Topics.SCORES.name(),
          Duration.ofSeconds(60),
          Duration.ofMillis(20),
          Duration.ofDays(30));
    }
  }

  /** The history's "window": one millisecond, a record's {@code asOf} truncated. */
  public static final Duration HISTORY_SLOT = Duration.ofMillis(1);

  private ScoringTopology() {}

  public static Topology build(ScoringModel model, Settings settings, ScoringMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    Serde<Alliance> registrySerde = TolerantJsonSerde.of(Alliance.class, metrics);
    builder.globalTable(
        settings.registryTopic(),
        Consumed.with(Serdes.String(), registrySerde),
        Materialized.<String, Alliance, KeyValueStore<Bytes, byte[]>>as(REGISTRY_STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(registrySerde));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), Serdes.ByteArray())
            // a busy alliance changes with every event: the cache writes its changelog once per
            // commit instead of once per event (records to alliance.scores are not delayed by it)
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SEEN_STORE), Serdes.String(), Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(), Serdes.ByteArray()));
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                HISTORY_STORE, settings.historyRetention(), HISTORY_SLOT, true),
            Serdes.String(),
            Topics.SCORES.valueSerde()));
    builder.stream(settings.indicatorsTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .process(
            () ->
                new ScoreProcessor(
                    model, settings.tickInterval(), settings.emitInterval(), metrics),
            STATE_STORE,
            SEEN_STORE,
            PENDING_STORE)
        .process(HistoryRecorder::new, HISTORY_STORE)
        .to(
            settings.scoresTopic(),
            Produced.with(Topics.SCORES.keySerde(), Topics.SCORES.valueSerde()));
    return builder.build();
  }
}
