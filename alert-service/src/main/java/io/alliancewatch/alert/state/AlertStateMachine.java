package io.alliancewatch.alert.state;

import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.alert.Condition;
import io.alliancewatch.contracts.alert.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The alert rules of alerts.md as plain Java: from a state, a subscription, the latest score and
 * the time, the next state and the notifications to make. No Kafka here; the engine stores the
 * states and writes the notifications.
 */
public final class AlertStateMachine {

  private final Supplier<String> ids;

  /** {@code ids} makes alert and notification ids (random in production, counted in tests). */
  public AlertStateMachine(Supplier<String> ids) {
    this.ids = ids;
  }

  /** The next state and what to send. */
  public record Step(AlertState state, List<AlertNotification> notifications) {}

  /** A score record arrived: the breach clock runs on the record's {@code asOf}. */
  public Step onScore(Subscription s, AlertState state, ScoreRecord score, Instant now) {
    AlertState current = (state == null ? AlertState.ok(null) : state).withRules(rulesVersion(s));
    return evaluate(s, current, score, score.asOf(), score.asOf(), now);
  }

  /**
   * A subscription was created, or its rules changed: checked against the latest score at once. A
   * breach found at creation counts from the subscription's creation.
   */
  public Step onRulesChanged(Subscription s, AlertState state, ScoreRecord latest, Instant now) {
    AlertState current = state == null ? AlertState.ok(rulesVersion(s)) : state;
    Instant breachStart = state == null ? s.createdAt() : now;
    return evaluate(s, current.withRules(rulesVersion(s)), latest, breachStart, now, now);
  }

  /**
   * The wall-clock tick: fires a pending alert whose breach has lasted {@code forSeconds}, repeats
   * a firing one when due. Never resolves: only a recovered score record does.
   */
  public Step onTick(Subscription s, AlertState state, ScoreRecord latest, Instant now) {
    if (state == null || latest == null) {
      return new Step(state, List.of());
    }
    if (state.phase() == Phase.PENDING && breaches(s, latest.value(s.metric()))) {
      if (!now.isBefore(state.breachSince().plusSeconds(s.forSeconds()))) {
        return fire(s, state, latest, now);
      }
    }
    if (state.phase() == Phase.FIRING) {
      return repeatIfDue(s, state, latest, now);
    }
    return new Step(state, List.of());
  }

  private Step evaluate(
      Subscription s,
      AlertState state,
      ScoreRecord score,
      Instant breachStart,
      Instant observedAt,
      Instant now) {
    AlertState current = state == null ? AlertState.ok(rulesVersion(s)) : state;
    if (score == null) {
      return new Step(current, List.of()); // missing data changes nothing
    }
    double value = score.value(s.metric());
    return switch (current.phase()) {
      case OK -> {
        if (!breaches(s, value)) {
          yield new Step(current, List.of());
        }
        AlertState pending =
            new AlertState(Phase.PENDING, breachStart, null, null, null, current.rulesVersion());
        yield firesNow(s, pending, observedAt)
            ? fire(s, pending, score, now)
            : new Step(pending, List.of());
      }
      case PENDING -> {
        if (!breaches(s, value)) {
          // it never fired, so any value that is not a breach ends it, silently
          yield new Step(AlertState.ok(current.rulesVersion()), List.of());
        }
        yield firesNow(s, current, observedAt)
            ? fire(s, current, score, now)
            : new Step(current, List.of());
      }
      case FIRING -> {
        if (recovered(s, value)) {
          yield resolve(s, current, score, now);
        }
        yield repeatIfDue(s, current, score, now);
      }
    };
  }

  private static boolean firesNow(Subscription s, AlertState pending, Instant observedAt) {
    Duration held = Duration.between(pending.breachSince(), observedAt);
    return s.forSeconds() == 0 || held.compareTo(Duration.ofSeconds(s.forSeconds())) >= 0;
  }

  private Step fire(Subscription s, AlertState pending, ScoreRecord score, Instant now) {
    String alertId = ids.get();
    AlertState firing =
        new AlertState(
            Phase.FIRING, pending.breachSince(), alertId, now, now, pending.rulesVersion());
    return new Step(
        firing, List.of(notification(s, firing, score, AlertNotification.FIRING, null, now)));
  }

  private Step repeatIfDue(Subscription s, AlertState firing, ScoreRecord score, Instant now) {
    if (s.repeatIntervalSeconds() <= 0
        || now.isBefore(firing.lastSentAt().plusSeconds(s.repeatIntervalSeconds()))) {
      return new Step(firing, List.of());
    }
    AlertState repeated =
        new AlertState(
            Phase.FIRING,
            firing.breachSince(),
            firing.alertId(),
            firing.startsAt(),
            now,
            firing.rulesVersion());
    return new Step(
        repeated, List.of(notification(s, repeated, score, AlertNotification.FIRING, null, now)));
  }

  private Step resolve(Subscription s, AlertState firing, ScoreRecord score, Instant now) {
    List<AlertNotification> out = new ArrayList<>(1);
    out.add(notification(s, firing, score, AlertNotification.RESOLVED, now, now));
    return new Step(AlertState.ok(firing.rulesVersion()), out);
  }

  private AlertNotification notification(
      Subscription s,
      AlertState state,
      ScoreRecord score,
      String status,
      Instant endsAt,
      Instant now) {
    return new AlertNotification(
        state.alertId(),
        s.id(),
        score.allianceId(),
        s.metric(),
        s.condition(),
        s.threshold(),
        s.recoveryThreshold(),
        status,
        score.value(s.metric()),
        state.startsAt(),
        endsAt,
        score.asOf(),
        Optional.ofNullable(score.contributions()).map(c -> c.of(s.metric())).orElse(null),
        score.drivers(),
        score.modelVersion(),
        ids.get(),
        now);
  }

  /** breach: strictly beyond the threshold. */
  public static boolean breaches(Subscription s, double value) {
    return s.condition() == Condition.ABOVE ? value > s.threshold() : value < s.threshold();
  }

  /** recovered: back on or past the recovery threshold. */
  public static boolean recovered(Subscription s, double value) {
    return s.condition() == Condition.ABOVE
        ? value <= s.recoveryThreshold()
        : value >= s.recoveryThreshold();
  }

  /** The fields whose change re-evaluates the alerts of a subscription. */
  public static String rulesVersion(Subscription s) {
    return s.metric().wireName()
        + "|"
        + s.condition().wireName()
        + "|"
        + s.threshold()
        + "|"
        + s.recoveryThreshold()
        + "|"
        + s.forSeconds();
  }
}
