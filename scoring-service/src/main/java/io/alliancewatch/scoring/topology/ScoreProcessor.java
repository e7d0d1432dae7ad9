package io.alliancewatch.scoring.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorEvent.EventKey;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.TraceHeaders;
import io.alliancewatch.scoring.model.AllianceState;
import io.alliancewatch.scoring.model.EventCheck;
import io.alliancewatch.scoring.model.ScoringModel;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jboss.logging.Logger;

/**
 * Counts each indicator into its alliance's state and marks the alliance pending; every emit
 * interval (wall clock), each pending alliance gets one record, its score at {@code max(R, now)}
 * after all it counted, and the transaction is committed at once: at most one record per alliance
 * per commit (scoring.md section 9). On a wall-clock tick, re-emits every alliance whose scores
 * have faded by at least {@link #MOVED} since its last record. "Now" is the processor context's
 * wall clock, which tests drive.
 *
 * <p>What is pending lives in a changelogged store, written in the same transaction as the counts:
 * an alliance counted but not yet emitted when the process dies gets its record after the restart.
 */
final class ScoreProcessor implements Processor<String, byte[], String, ScoreRecord> {

  /** A tick emits when either score moved at least this much (scoring.md section 8). */
  static final double MOVED = 0.01;

  private static final Logger LOG = Logger.getLogger(ScoreProcessor.class);

  /**
   * At most this many alliance states are kept as objects (the store has them all): a state is a
   * few to some tens of kilobytes (its driver candidates, its members' spending).
   */
  static final int MAX_LIVE = 1_000;

  private final ScoringModel model;
  private final Duration tickInterval;
  private final Duration emitInterval;
  private final ScoringMetrics metrics;
  private ProcessorContext<String, ScoreRecord> context;
  private KeyValueStore<String, byte[]> states;
  private KeyValueStore<String, Long> seen;
  private KeyValueStore<String, byte[]> pending;
  private TimestampedKeyValueStore<String, Alliance> registry;

  /**
   * The state of each alliance this task has touched, as objects: reading a state back from the
   * store on every event cost more than scoring it. Every change is still written to the store (and
   * so to its changelog, in the same transaction as the offsets); this map only saves the reads,
   * and starts empty whenever the task (re)initialises. An alliance enters it written in full once
   * (which also rewrites a state an earlier version stored whole); after that an event writes only
   * the parts it changed ({@link AllianceStates}).
   */
  private final Map<String, AllianceState> live = bounded();

  /**
   * The alliances known to be in the pending store (so that only an alliance's first event since
   * its last record writes there); bounded like {@link #live}: one that falls out is written again.
   */
  private final Map<String, Boolean> markedPending = bounded();

  private boolean anyPending;

  /**
   * The emission's schedule, {@link #emitEvery} apart: the emit interval, or a multiple of what a
   * commit costs when that is more ({@link #COMMIT_SHARE}).
   */
  private Cancellable emitSchedule;

  private long emitEvery;

  /** When the last emission asked for its commit; -1 once the commit's cost was measured. */
  private long emittedAtMs = -1;

  /** What a commit costs this stream thread, in ms, smoothed. */
  private double commitCostMs;

  /**
   * A commit may take at most this share of the time: a stream thread processes fewer and fewer
   * records between commits whenever a commit or a punctuation ran, so commits that follow each
   * other as fast as they complete leave it one record per task per commit.
   */
  static final double COMMIT_SHARE = 1.0 / 3;

  /** The emit interval never grows beyond this, however slow commits become. */
  static final Duration MAX_EMIT_INTERVAL = Duration.ofSeconds(1);

  ScoreProcessor(
      ScoringModel model, Duration tickInterval, Duration emitInterval, ScoringMetrics metrics) {
    this.model = model;
    this.tickInterval = tickInterval;
    this.emitInterval = emitInterval;
    this.metrics = metrics;
  }

  private static <V> Map<String, V> bounded() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MAX_LIVE;
      }
    };
  }

  @Override
  public void init(ProcessorContext<String, ScoreRecord> context) {
    this.context = context;
    live.clear();
    this.states = context.getStateStore(ScoringTopology.STATE_STORE);
    this.seen = context.getStateStore(ScoringTopology.SEEN_STORE);
    this.pending = context.getStateStore(ScoringTopology.PENDING_STORE);
    markedPending.clear();
    try (KeyValueIterator<String, byte[]> left = pending.all()) {
      anyPending = left.hasNext(); // counted before a restart, not emitted yet: emitted first
    }
    this.registry = context.getStateStore(ScoringTopology.REGISTRY_STORE);
    context.schedule(tickInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
    emitEvery = emitInterval.toMillis();
    emitSchedule =
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::emitPending);
  }

  /**
   * Measures the commit the last emission asked for. Kafka Streams commits right after the
   * punctuation that asked; if records were waiting, the next thing this task does is process one,
   * and the wall clock has moved on by the commit (and a poll). If nothing was waiting, the next
   * thing is the emission's own punctuation: the commit was cheap enough to go unnoticed.
   */
  private void measureCommit(boolean recordWaiting) {
    if (emittedAtMs < 0) {
      return;
    }
    long cost = recordWaiting ? Math.max(0, context.currentSystemTimeMs() - emittedAtMs) : 0;
    emittedAtMs = -1;
    commitCostMs = 0.8 * commitCostMs + 0.2 * cost;
    paceEmission();
  }

  /**
   * Emits at least the emit interval apart, and so that commits take at most {@link #COMMIT_SHARE}
   * of the time.
   */
  private void paceEmission() {
    long wanted =
        Math.min(
            MAX_EMIT_INTERVAL.toMillis(),
            Math.max(emitInterval.toMillis(), Math.round(commitCostMs / COMMIT_SHARE)));
    if (wanted * 5 <= emitInterval.toMillis() * 6) {
      wanted = emitInterval.toMillis(); // within a fifth of the emit interval: the interval
    }
    boolean back = wanted == emitInterval.toMillis();
    if (wanted == emitEvery || (!back && Math.abs(wanted - emitEvery) * 5 <= emitEvery)) {
      return; // within a fifth of the pace: kept
    }
    emitSchedule.cancel(); // allowed from within the punctuation it cancels
    emitEvery = wanted;
    emitSchedule =
        context.schedule(
            Duration.ofMillis(wanted), PunctuationType.WALL_CLOCK_TIME, this::emitPending);
    metrics.emitInterval(Duration.ofMillis(wanted));
  }

  @Override
  public void process(Record<String, byte[]> record) {
    measureCommit(true);
    String allianceId = record.key();
    Optional<IndicatorEvent> read = read(record);
    if (read.isEmpty()) {
      return;
    }
    IndicatorEvent event = read.get();
    Optional<String> problem = EventCheck.problem(allianceId, event);
    if (problem.isPresent()) {
      reject("invalid", problem.get());
      return;
    }
    AllianceState state = load(allianceId);
    if (state == null) {
      state = model.newState();
    }
    if (model.accept(allianceId, state, event, this::firstSighting)
        == ScoringModel.Outcome.DUPLICATE) {
      metrics.duplicate(allianceId);
      LOG.debugf("duplicate %s/%s for %s ignored", event.source(), event.id(), allianceId);
      return;
    }
    metrics.counted(allianceId);
    save(allianceId, state, event);
    markPending(allianceId, event, record.headers());
  }

  /**
   * Puts the alliance in the pending store, with the trace and ingestion time of its first event
   * since its last record (the record carries that trace; the ingest-to-score time is that event's,
   * the longest of the batch).
   */
  private void markPending(String allianceId, IndicatorEvent event, Headers headers) {
    anyPending = true;
    if (markedPending.put(allianceId, Boolean.TRUE) != null) {
      return; // already in the store since its last record
    }
    if (pending.get(allianceId) != null) {
      return; // in the store from before a restart, or after falling out of markedPending
    }
    pending.put(allianceId, PendingRecord.encode(event.ingestedAt(), TraceHeaders.carry(headers)));
  }

  /**
   * Every pending alliance's record, each computed now after all it counted, then a commit: the
   * records and the emptied pending store go out in one transaction.
   */
  private void emitPending(long wallClockMs) {
    measureCommit(false);
    if (!anyPending) {
      return;
    }
    Instant now = Instant.ofEpochMilli(wallClockMs);
    List<KeyValue<String, byte[]>> due = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = pending.all()) {
      all.forEachRemaining(due::add);
    }
    // read and written after the iterator is closed: a store is not changed under an open iterator
    for (KeyValue<String, byte[]> entry : due) {
      String allianceId = entry.key;
      pending.delete(allianceId);
      AllianceState state = load(allianceId);
      if (state == null) {
        continue;
      }
      PendingRecord marked = PendingRecord.decode(entry.value);
      ScoreRecord score = evaluate(allianceId, state, now);
      state.markEmitted(score.cohesion(), score.risk());
      save(allianceId, state, null);
      emit(allianceId, score, wallClockMs, marked.headers(), "event");
      marked.ingestedAt().ifPresent(at -> metrics.ingestToScore(Duration.between(at, now)));
    }
    markedPending.clear();
    anyPending = false;
    context.commit(); // at most one record per alliance per commit
    emittedAtMs = wallClockMs;
  }

  private Optional<IndicatorEvent> read(Record<String, byte[]> record) {
    if (record.value() == null) {
      reject("unreadable", "a record without a value (tombstone)");
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(record.value(), IndicatorEvent.class));
    } catch (JsonProcessingException e) {
      reject("unreadable", e.getOriginalMessage());
      return Optional.empty();
    } catch (IOException e) {
      reject("unreadable", e.getMessage());
      return Optional.empty();
    }
  }

  private void reject(String reason, String detail) {
    metrics.rejected(reason);
    String where =
        context
            .recordMetadata()
            .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
            .orElse("?");
    LOG.warnf("rejected %s record %s: %s", reason, where, detail);
  }

  private boolean firstSighting(String allianceId, EventKey key) {
    // source is [a-z0-9._-] and alliance ids have no line breaks: the id is everything after
    String ledgerKey = allianceId + "\n" + key.source() + "\n" + key.id();
    if (seen.get(ledgerKey) != null) {
      return false;
    }
    seen.put(ledgerKey, context.currentSystemTimeMs());
    return true;
  }

  private void tick(long wallClockMs) {
    emitPending(wallClockMs); // counted alliances first, so that a tick judges what was emitted
    long start = System.nanoTime();
    Instant now = Instant.ofEpochMilli(wallClockMs);
    List<String> alliances = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> keys = states.all()) {
      while (keys.hasNext()) {
        String key = keys.next().key;
        if (AllianceStates.isAlliance(key)) {
          alliances.add(key);
        }
      }
    }
    // read and written after the iterator is closed: a store is not changed under an open iterator
    for (String allianceId : alliances) {
      AllianceState state = load(allianceId);
      ScoreRecord score = evaluate(allianceId, state, now);
      if (state.movedSinceLastEmitted(score.cohesion(), score.risk(), MOVED)) {
        state.markEmitted(score.cohesion(), score.risk());
        save(allianceId, state, null);
        emit(allianceId, score, wallClockMs, new RecordHeaders(), "tick");
      }
    }
    metrics.tick(Duration.ofNanos(System.nanoTime() - start));
  }

  /** The alliance's state from memory, else from the store; null when it has none. */
  private AllianceState load(String allianceId) {
    AllianceState state = live.get(allianceId);
    return state != null ? state : AllianceStates.read(states, allianceId);
  }

  /**
   * Writes what changed: {@code cause}'s part and the core ({@code cause} null: the core only), or
   * the whole state the first time this task holds it, which then stays in memory.
   */
  private void save(String allianceId, AllianceState state, IndicatorEvent cause) {
    if (live.putIfAbsent(allianceId, state) == null) {
      AllianceStates.writeAll(states, allianceId, state);
    } else if (cause != null) {
      AllianceStates.writeChange(states, allianceId, state, cause);
    } else {
      AllianceStates.writeCore(states, allianceId, state);
    }
  }

  private ScoreRecord evaluate(String allianceId, AllianceState state, Instant now) {
    ValueAndTimestamp<Alliance> alliance = registry.get(allianceId);
    return model.evaluate(
        allianceId,
        state,
        alliance == null ? null : alliance.value(),
        ScoringModel.emissionTime(state, now));
  }

  private void emit(
      String allianceId, ScoreRecord score, long timestamp, Headers headers, String cause) {
    context.forward(new Record<>(allianceId, score, timestamp, headers));
    metrics.emitted(cause);
  }

  @Override
  public void close() {
    live.clear();
  }
}
