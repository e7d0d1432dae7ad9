package io.alliancewatch.alert.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.contracts.Metric;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.alert.Condition;
import io.alliancewatch.contracts.alert.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertStateMachineTest {

  private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
  private final AtomicInteger counter = new AtomicInteger();
  private final AlertStateMachine machine =
      new AlertStateMachine(() -> "id-" + counter.incrementAndGet());

  private static Subscription above(double threshold, long forSeconds, long repeatSeconds) {
    return new Subscription(
        "sub-1",
        "risk watch",
        List.of("NATO"),
        Metric.RISK,
        Condition.ABOVE,
        threshold,
        threshold - 5,
        forSeconds,
        repeatSeconds,
        new Subscription.Webhook("https://example.org/hook", "whsec_x"),
        Subscription.STATUS_ACTIVE,
        null,
        null,
        T0.minusSeconds(3600),
        "subscriber-1");
  }

  static ScoreRecord score(double risk, Instant asOf) {
    return new ScoreRecord(
        "NATO",
        asOf,
        50,
        risk,
        "2026.1",
        asOf,
        3,
        new ScoreRecord.Contributions(Map.of("TREATY", 0.1), Map.of("EXERCISE", 0.4)),
        List.of(),
        0,
        List.of(),
        List.of());
  }

  /** Feeds the values one a second and collects what is sent. */
  private List<AlertNotification> feed(Subscription s, double... values) {
    AlertState state = null;
    List<AlertNotification> sent = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      Instant at = T0.plusSeconds(i);
      AlertStateMachine.Step step = machine.onScore(s, state, score(values[i], at), at);
      state = step.state();
      sent.addAll(step.notifications());
    }
    return sent;
  }

  @Test
  void givenAbove60WithRecovery55_when58_61_57_54_thenOneFiringAt61AndOneResolvedAt54() {
    List<AlertNotification> sent = feed(above(60, 0, 0), 58, 61, 57, 54);

    assertThat(sent).extracting(AlertNotification::status).containsExactly("firing", "resolved");
    assertThat(sent).extracting(AlertNotification::value).containsExactly(61.0, 54.0);
    assertThat(sent.get(0).alertId()).isEqualTo(sent.get(1).alertId());
    assertThat(sent.get(0).startsAt()).isEqualTo(sent.get(1).startsAt());
    assertThat(sent.get(0).endsAt()).isNull();
    assertThat(sent.get(1).endsAt()).isNotNull();
    assertThat(sent.get(0).contributions()).containsEntry("EXERCISE", 0.4);
    assertThat(sent.get(0).notificationId()).isNotEqualTo(sent.get(1).notificationId());
  }

  @Test
  void givenFiring_whenValueSitsBetweenTheThresholds_thenItStaysFiring() {
    assertThat(feed(above(60, 0, 0), 61, 58, 56, 59.9, 55.1))
        .extracting(AlertNotification::status)
        .containsExactly("firing");
  }

  @Test
  void givenExactlyAtThreshold_thenNoBreach_andExactlyAtRecovery_thenResolved() {
    assertThat(feed(above(60, 0, 0), 60)).isEmpty();
    assertThat(feed(above(60, 0, 0), 60.5, 55))
        .extracting(AlertNotification::status)
        .containsExactly("firing", "resolved");
  }

  @Test
  void givenForSeconds_whenBreachIsShorter_thenNothingIsSent() {
    // breach at 0 s and 1 s, back to 57 at 2 s: PENDING returns to OK silently
    assertThat(feed(above(60, 3, 0), 61, 62, 57)).isEmpty();
  }

  @Test
  void givenForSeconds_whenTheRecordsKeepBreaching_thenItFiresOnceTheTimeIsHeld() {
    List<AlertNotification> sent = feed(above(60, 3, 0), 61, 62, 63, 64, 65);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).value()).isEqualTo(64.0); // the record 3 s after the breach began
  }

  @Test
  void givenPending_whenTheTickComesAfterForSeconds_thenItFiresWithTheLatestRecord() {
    Subscription s = above(60, 10, 0);
    AlertStateMachine.Step pending = machine.onScore(s, null, score(61, T0), T0);
    assertThat(pending.state().phase()).isEqualTo(Phase.PENDING);

    AlertStateMachine.Step early =
        machine.onTick(s, pending.state(), score(61, T0), T0.plusSeconds(9));
    AlertStateMachine.Step due =
        machine.onTick(s, pending.state(), score(61, T0), T0.plusSeconds(10));

    assertThat(early.notifications()).isEmpty();
    assertThat(due.notifications()).extracting(AlertNotification::status).containsExactly("firing");
  }

  @Test
  void givenFiring_whenNoRecordArrives_thenTicksNeverResolve() {
    Subscription s = above(60, 0, 0);
    AlertState firing = machine.onScore(s, null, score(70, T0), T0).state();
    AlertStateMachine.Step later = machine.onTick(s, firing, score(70, T0), T0.plusSeconds(86_400));
    AlertStateMachine.Step noData = machine.onTick(s, firing, null, T0.plusSeconds(86_400));

    assertThat(later.notifications()).isEmpty();
    assertThat(later.state().phase()).isEqualTo(Phase.FIRING);
    assertThat(noData.state().phase()).isEqualTo(Phase.FIRING);
  }

  @Test
  void
      givenRepeatInterval_whenTheAlertLasts_thenItRepeatsWithTheSameAlertIdAndANewNotificationId() {
    Subscription s = above(60, 0, 60);
    AlertStateMachine.Step fired = machine.onScore(s, null, score(70, T0), T0);
    AlertStateMachine.Step notYet =
        machine.onTick(s, fired.state(), score(71, T0.plusSeconds(30)), T0.plusSeconds(59));
    AlertStateMachine.Step repeat =
        machine.onTick(s, notYet.state(), score(72, T0.plusSeconds(50)), T0.plusSeconds(60));
    AlertStateMachine.Step next =
        machine.onTick(s, repeat.state(), score(72, T0.plusSeconds(50)), T0.plusSeconds(61));

    assertThat(notYet.notifications()).isEmpty();
    assertThat(repeat.notifications()).hasSize(1);
    AlertNotification first = fired.notifications().get(0);
    AlertNotification again = repeat.notifications().get(0);
    assertThat(again.alertId()).isEqualTo(first.alertId());
    assertThat(again.notificationId()).isNotEqualTo(first.notificationId());
    assertThat(again.startsAt()).isEqualTo(first.startsAt());
    assertThat(again.value()).isEqualTo(72.0);
    assertThat(next.notifications()).isEmpty();
  }

  @Test
  void givenANewSubscription_whenTheLatestScoreAlreadyBreaches_thenItFiresAtOnce() {
    Subscription s = above(60, 0, 0);
    AlertStateMachine.Step step = machine.onRulesChanged(s, null, score(65, T0), T0.plusSeconds(5));
    assertThat(step.notifications())
        .extracting(AlertNotification::status)
        .containsExactly("firing");
  }

  @Test
  void givenANewSubscriptionWithForSeconds_thenTheBreachCountsFromItsCreation() {
    Subscription s = above(60, 600, 0); // created an hour before T0
    AlertStateMachine.Step step = machine.onRulesChanged(s, null, score(65, T0), T0);
    assertThat(step.notifications()).hasSize(1);
  }

  @Test
  void givenANewSubscription_whenThereIsNoScoreYet_thenNothingHappens() {
    AlertStateMachine.Step step = machine.onRulesChanged(above(60, 0, 0), null, null, T0);
    assertThat(step.notifications()).isEmpty();
    assertThat(step.state().phase()).isEqualTo(Phase.OK);
  }

  @Test
  void givenFiring_whenAPutRaisesTheThresholds_thenTheLatestScoreResolvesIt() {
    Subscription s = above(60, 0, 0);
    AlertState firing = machine.onScore(s, null, score(66, T0), T0).state();
    Subscription raised = above(80, 0, 0); // recovery 75: 66 has recovered

    AlertStateMachine.Step step =
        machine.onRulesChanged(raised, firing, score(66, T0), T0.plusSeconds(1));

    assertThat(step.notifications())
        .extracting(AlertNotification::status)
        .containsExactly("resolved");
  }

  @Test
  void givenBelow_thenTheSidesAreMirrored() {
    Subscription below =
        new Subscription(
            "sub-2",
            "cohesion",
            List.of("NATO"),
            Metric.COHESION,
            Condition.BELOW,
            40,
            45,
            0,
            0,
            null,
            Subscription.STATUS_ACTIVE,
            null,
            null,
            T0,
            "subscriber-1");
    AlertState state = null;
    List<String> statuses = new ArrayList<>();
    double[] cohesion = {42, 39, 44, 45};
    for (int i = 0; i < cohesion.length; i++) {
      ScoreRecord r =
          new ScoreRecord(
              "NATO",
              T0.plusSeconds(i),
              cohesion[i],
              0,
              "2026.1",
              T0,
              1,
              new ScoreRecord.Contributions(Map.of(), Map.of()),
              List.of(),
              0,
              List.of(),
              List.of());
      AlertStateMachine.Step step = machine.onScore(below, state, r, T0.plusSeconds(i));
      state = step.state();
      step.notifications().forEach(n -> statuses.add(n.status() + "@" + n.value()));
    }
    assertThat(statuses).containsExactly("firing@39.0", "resolved@45.0");
  }
}
