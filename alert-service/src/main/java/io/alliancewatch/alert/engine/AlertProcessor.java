package io.alliancewatch.alert.engine;

import io.alliancewatch.alert.state.AlertState;
import io.alliancewatch.alert.state.AlertStateMachine;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.TraceHeaders;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.alert.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs the state machine for the alliances of one task (scores are keyed by alliance): on each
 * score record, and on a wall-clock tick that fires held breaches, sends repeats, picks up new or
 * changed subscriptions and forgets deleted ones and dropped alliances. Under exactly-once, a state
 * change and its notification are committed together, so a restart neither repeats nor loses one.
 */
final class AlertProcessor implements Processor<String, ScoreRecord, String, AlertNotification> {

  private final AlertStateMachine machine;
  private final Duration checkInterval;
  private final Consumer<AlertNotification> made;
  private final Runnable outOfOrder;
  private ProcessorContext<String, AlertNotification> context;
  private KeyValueStore<String, AlertState> states;
  private KeyValueStore<String, ScoreRecord> latest;
  private KeyValueStore<String, Subscription> subscriptions;

  AlertProcessor(
      AlertStateMachine machine,
      Duration checkInterval,
      Consumer<AlertNotification> made,
      Runnable outOfOrder) {
    this.machine = machine;
    this.checkInterval = checkInterval;
    this.made = made;
    this.outOfOrder = outOfOrder;
  }

  @Override
  public void init(ProcessorContext<String, AlertNotification> context) {
    this.context = context;
    this.states = context.getStateStore(AlertTopology.STATES);
    this.latest = context.getStateStore(AlertTopology.LATEST_SCORES);
    this.subscriptions = context.getStateStore(AlertTopology.SUBSCRIPTIONS);
    context.schedule(
        checkInterval, PunctuationType.WALL_CLOCK_TIME, ms -> tick(Instant.ofEpochMilli(ms)));
  }

  @Override
  public void process(Record<String, ScoreRecord> record) {
    ScoreRecord score = record.value();
    if (score == null || score.asOf() == null) {
      return;
    }
    String allianceId = record.key() != null ? record.key() : score.allianceId();
    ScoreRecord previous = latest.get(allianceId);
    if (previous != null && score.asOf().isBefore(previous.asOf())) {
      // an older record than one already judged would move the state backwards in time
      outOfOrder.run();
      return;
    }
    latest.put(allianceId, score);
    Instant now = Instant.now();
    Headers trace = TraceHeaders.carry(record.headers()); // the score's trace goes on
    for (Subscription s : allSubscriptions()) {
      if (s.covers(allianceId)) {
        String key = key(s.id(), allianceId);
        AlertState state = states.get(key);
        apply(key, state, machine.onScore(s, state, score, now), trace);
      }
    }
  }

  private void tick(Instant now) {
    List<Subscription> all = allSubscriptions();
    // new subscriptions and changed rules are checked against the latest score at once
    try (KeyValueIterator<String, ScoreRecord> scores = latest.all()) {
      while (scores.hasNext()) {
        KeyValue<String, ScoreRecord> entry = scores.next();
        for (Subscription s : all) {
          if (!s.covers(entry.key)) {
            continue;
          }
          String key = key(s.id(), entry.key);
          AlertState state = states.get(key);
          if (state == null
              || !Objects.equals(state.rulesVersion(), AlertStateMachine.rulesVersion(s))) {
            apply(
                key,
                state,
                machine.onRulesChanged(s, state, entry.value, now),
                new RecordHeaders());
          }
        }
      }
    }
    List<String> forgotten = new ArrayList<>();
    List<KeyValue<String, AlertState>> entries = new ArrayList<>();
    try (KeyValueIterator<String, AlertState> it = states.all()) {
      it.forEachRemaining(entries::add);
    }
    for (KeyValue<String, AlertState> entry : entries) {
      String subscriptionId = subscriptionOf(entry.key);
      Subscription s = subscriptions.get(subscriptionId);
      if (s == null || !s.covers(allianceOf(entry.key))) {
        // deleted, or a PUT dropped this alliance: stop everything, as DELETE does (README,
        // "Decisions"); the history stays on the topic
        forgotten.add(entry.key);
        continue;
      }
      ScoreRecord score = latest.get(allianceOf(entry.key));
      apply(
          entry.key, entry.value, machine.onTick(s, entry.value, score, now), new RecordHeaders());
    }
    forgotten.forEach(states::delete);
  }

  private void apply(String key, AlertState previous, AlertStateMachine.Step step, Headers trace) {
    // an unchanged state is not written again: the tick would otherwise rewrite every state each
    // second, each write a changelog record in a transaction to commit
    if (step.state() != null && !step.state().equals(previous)) {
      states.put(key, step.state());
    }
    for (AlertNotification n : step.notifications()) {
      context.forward(new Record<>(n.subscriptionId(), n, n.createdAt().toEpochMilli(), trace));
      made.accept(n);
    }
  }

  private List<Subscription> allSubscriptions() {
    List<Subscription> all = new ArrayList<>();
    try (KeyValueIterator<String, Subscription> it = subscriptions.all()) {
      it.forEachRemaining(entry -> all.add(entry.value));
    }
    return all;
  }

  static String key(String subscriptionId, String allianceId) {
    return subscriptionId + "|" + allianceId;
  }

  private static String subscriptionOf(String key) {
    return key.substring(0, key.indexOf('|'));
  }

  private static String allianceOf(String key) {
    return key.substring(key.indexOf('|') + 1);
  }
}
