package io.alliancewatch.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.scoring.testdata.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** scoring.md section 1: the pressure kept as one number and a reference time. */
class DecayTest {

  private static final Alliance AUKUS = TestData.alliances().get("AUKUS");
  private static final Instant DAY_0 = Instant.parse("2026-01-01T00:00:00Z");

  /** POLITICAL_TENSION has h = 30 d; s*c = 2 at day 0 is two events of s*c = 1. */
  private static List<IndicatorEvent> checkValueEvents() {
    return List.of(
        tension("t0-a", DAY_0, 1.0),
        tension("t0-b", DAY_0, 1.0),
        tension("t20", DAY_0.plus(Duration.ofDays(20)), 1.0));
  }

  private static IndicatorEvent tension(String id, Instant at, double severity) {
    return TestData.event(
        "analyst",
        id,
        IndicatorType.POLITICAL_TENSION,
        "AUKUS",
        "AUS",
        severity,
        null,
        at.toString());
  }

  @Test
  void givenTheCheckValueEvents_whenReadAt30Days_thenThePressureIs1_79370InEveryArrivalOrder() {
    for (List<IndicatorEvent> order : Permutations.of(checkValueEvents())) {
      ModelHarness harness = new ModelHarness(AUKUS).feed(order);

      double contribution =
          harness
              .at(DAY_0.plus(Duration.ofDays(30)))
              .contributions()
              .cohesion()
              .get("POLITICAL_TENSION");

      assertThat(-contribution / 0.40).isCloseTo(1.79370, within(0.000005));
      assertThat(harness.state().referenceTime()).isEqualTo(DAY_0.plus(Duration.ofDays(20)));
    }
  }

  @Test
  void givenAnEventWithFractionalSeconds_thenTheReferenceTimeKeepsItsPrecision() {
    Instant precise = Instant.parse("2026-03-10T12:00:00.123456789Z");
    ModelHarness harness = new ModelHarness(AUKUS).feed(tension("p", precise, 0.5));

    assertThat(harness.at(precise).referenceTime()).isEqualTo(precise);
    assertThat(harness.at(precise).contributions().cohesion().get("POLITICAL_TENSION"))
        .isCloseTo(-0.2, within(1e-12));
  }

  @Test
  void
      givenSpendingReportLaterThanEvidence_thenItMovesTheReferenceTimeAndEvidenceStillFadesRight() {
    Instant later = DAY_0.plus(Duration.ofDays(30));
    ModelHarness harness =
        new ModelHarness(AUKUS)
            .feed(tension("t0", DAY_0, 1.0))
            .feed(TestData.spending("nato-dex", "AUS-2026", "AUKUS", "AUS", 2.0, later));

    assertThat(harness.state().referenceTime()).isEqualTo(later);
    assertThat(harness.at(later).contributions().cohesion().get("POLITICAL_TENSION"))
        .isCloseTo(-0.20, within(1e-9));
  }
}
