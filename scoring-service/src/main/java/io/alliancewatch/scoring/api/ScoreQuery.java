package io.alliancewatch.scoring.api;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.scoring.config.ScoringConfig;
import io.alliancewatch.scoring.model.AllianceState;
import io.alliancewatch.scoring.model.AsOfBeforeReferenceException;
import io.alliancewatch.scoring.model.ScoringModel;
import io.alliancewatch.scoring.topology.AllianceStates;
import io.alliancewatch.scoring.topology.ScoringTopology;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Interactive queries over the scoring stores. An alliance's state lives on the instance that owns
 * its partition: this bean says where, and answers itself only when it is here. While Kafka Streams
 * rebalances or restores, it refuses (503) rather than wait.
 */
@ApplicationScoped
public class ScoreQuery {

  /** Where an alliance's score is answered. */
  public sealed interface Location {}

  /** Here, computed from the local state. */
  public record Here(ScoreRecord record) implements Location {}

  /** On another instance, which owns the alliance's partition. */
  public record Elsewhere(HostInfo owner) implements Location, HistoryLocation {}

  /** Where an alliance's history is answered: here, a {@link Page}, or {@link Elsewhere}. */
  public sealed interface HistoryLocation {}

  /** Some of an alliance's history, oldest first; {@code next}: where the following page starts. */
  public record Page(List<ScoreRecord> records, Optional<Instant> next)
      implements HistoryLocation {}

  private static final Instant LAST_MILLISECOND = Instant.ofEpochMilli(Long.MAX_VALUE);

  private final KafkaStreams streams;
  private final ScoringModel model;
  private final HostInfo self;
  private final String indicatorsTopic;

  public ScoreQuery(KafkaStreams streams, ScoringModel model, HostInfo self, ScoringConfig config) {
    this.streams = streams;
    this.model = model;
    this.self = self;
    this.indicatorsTopic = config.topics().indicators();
  }

  public HostInfo self() {
    return self;
  }

  /** This instance as {@code host:port}, as answers name it ({@link Forwarder#SERVED_BY}). */
  public String selfAddress() {
    return self.host() + ":" + self.port();
  }

  /**
   * The score of a registry alliance ({@link #requireKnown}, {@link #alliances}) at {@code asOf}
   * (default {@code max(R, now)}), or where to ask.
   *
   * @throws ApiProblem 400 for an {@code asOf} before {@code R}, 503 while the stores are not
   *     queryable
   */
  public Location find(Alliance alliance, Optional<Instant> asOf) {
    String allianceId = alliance.id();
    KeyQueryMetadata metadata = owner(allianceId);
    if (!ownedHere(metadata.partition())) {
      return new Elsewhere(metadata.activeHost());
    }
    AllianceState state;
    try {
      state = AllianceStates.read(states(metadata.partition()), allianceId);
    } catch (InvalidStateStoreException e) {
      throw ApiProblem.notReady("the scores are not queryable yet: " + e.getMessage());
    }
    Instant at = asOf.orElseGet(() -> ScoringModel.emissionTime(state, Instant.now()));
    try {
      return new Here(model.evaluate(allianceId, state, alliance, at));
    } catch (AsOfBeforeReferenceException e) {
      throw ApiProblem.badAsOf(e.getMessage());
    }
  }

  /**
   * The records emitted for {@code allianceId} with {@code from <= asOf < to}, oldest first, at
   * most {@code limit}; or where to ask.
   *
   * @throws ApiProblem 503 while the stores are not queryable
   */
  public HistoryLocation history(String allianceId, Instant from, Instant to, int limit) {
    KeyQueryMetadata metadata = owner(allianceId);
    if (!ownedHere(metadata.partition())) {
      return new Elsewhere(metadata.activeHost());
    }
    List<ScoreRecord> records = new ArrayList<>();
    Optional<Instant> next = Optional.empty();
    try (WindowStoreIterator<ScoreRecord> found =
        history(metadata.partition()).fetch(allianceId, millis(from), millis(to))) {
      while (found.hasNext()) {
        ScoreRecord record = found.next().value;
        if (record.asOf().isBefore(from) || !record.asOf().isBefore(to)) {
          continue; // the store keeps milliseconds; the window is exact
        }
        if (records.size() == limit) {
          next = Optional.of(record.asOf());
          break;
        }
        records.add(record);
      }
    } catch (InvalidStateStoreException e) {
      throw ApiProblem.notReady("the history is not queryable yet: " + e.getMessage());
    }
    return new Page(records, next);
  }

  /** The instant's millisecond, widened to take in a sub-millisecond {@code asOf} in it. */
  private static Instant millis(Instant at) {
    if (at.isBefore(Instant.EPOCH)) {
      return Instant.EPOCH;
    }
    return at.isAfter(LAST_MILLISECOND) ? LAST_MILLISECOND : at.truncatedTo(ChronoUnit.MILLIS);
  }

  private KeyQueryMetadata owner(String allianceId) {
    KeyQueryMetadata metadata;
    try {
      metadata =
          streams.queryMetadataForKey(
              ScoringTopology.STATE_STORE, allianceId, Serdes.String().serializer());
    } catch (IllegalStateException e) {
      throw ApiProblem.notReady("Kafka Streams is " + streams.state() + ": " + e.getMessage());
    }
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
      throw ApiProblem.notReady("no instance owns " + allianceId + " yet (rebalancing)");
    }
    return metadata;
  }

  /**
   * Whether a stream thread of this instance runs the partition's active task. Asked of the threads
   * rather than by comparing addresses: behind a proxy or in tests the advertised address need not
   * be the one this instance knows itself by.
   */
  private boolean ownedHere(int partition) {
    TopicPartition wanted = new TopicPartition(indicatorsTopic, partition);
    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
      for (TaskMetadata task : thread.activeTasks()) {
        if (task.topicPartitions().contains(wanted)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The registry's alliance {@code allianceId}.
   *
   * @throws ApiProblem 404 when the registry does not know it (asked before anything else about a
   *     request, so an unknown alliance is 404 whatever its parameters), 503 while not queryable
   */
  public Alliance requireKnown(String allianceId) {
    Alliance alliance;
    try {
      alliance = registry().get(allianceId);
    } catch (InvalidStateStoreException e) {
      throw ApiProblem.notReady("the registry is not queryable yet: " + e.getMessage());
    }
    if (alliance == null) {
      throw ApiProblem.unknownAlliance(allianceId);
    }
    return alliance;
  }

  /**
   * The record of every alliance of the registry as if it had no events (80 / 20 at {@code now}),
   * for the stream's first records of alliances that have none on {@code alliance.scores}; empty
   * while the registry cannot be read.
   */
  public List<ScoreRecord> unscored(Instant now) {
    List<Alliance> known;
    try {
      known = alliances();
    } catch (ApiProblem notReady) {
      return List.of();
    }
    return known.stream()
        .map(alliance -> model.evaluate(alliance.id(), model.newState(), alliance, now))
        .toList();
  }

  /** Every alliance of the registry as this instance knows it (a global table), sorted by id. */
  public List<Alliance> alliances() {
    List<Alliance> alliances = new ArrayList<>();
    try (KeyValueIterator<String, Alliance> all = registry().all()) {
      all.forEachRemaining(entry -> alliances.add(entry.value));
    } catch (InvalidStateStoreException e) {
      throw ApiProblem.notReady("the registry is not queryable yet: " + e.getMessage());
    }
    alliances.sort(Comparator.comparing(Alliance::id));
    return alliances;
  }

  private ReadOnlyKeyValueStore<String, Alliance> registry() {
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(
              ScoringTopology.REGISTRY_STORE, QueryableStoreTypes.keyValueStore()));
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw ApiProblem.notReady("the registry is not queryable yet: " + e.getMessage());
    }
  }

  private ReadOnlyWindowStore<String, ScoreRecord> history(int partition) {
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(
                  ScoringTopology.HISTORY_STORE,
                  QueryableStoreTypes.<String, ScoreRecord>windowStore())
              .withPartition(partition));
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw ApiProblem.notReady("the history is not queryable yet: " + e.getMessage());
    }
  }

  private ReadOnlyKeyValueStore<String, byte[]> states(int partition) {
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(
                  ScoringTopology.STATE_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())
              .withPartition(partition));
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw ApiProblem.notReady("the scores are not queryable yet: " + e.getMessage());
    }
  }
}
