package io.alliancewatch.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.ScoreRecord.MemberSpending;
import io.alliancewatch.scoring.testdata.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The worked examples of scoring.md section 6, each to ±0.01 or tighter. */
class WorkedExamplesTest {

  private static final double TOLERANCE = 0.005;
  private static final Alliance NATO = TestData.alliances().get("NATO");
  private static final Alliance AUKUS = TestData.alliances().get("AUKUS");
  private static final String AFTER_2024 = "2025-01-01T00:00:00Z";

  @Test
  void example1_givenNoEvents_whenEvaluated_thenCohesion80AndRisk20() {
    ScoreRecord record = ModelHarness.MODEL.evaluate("NATO", null, NATO, Instant.parse(AFTER_2024));

    assertThat(record.cohesion()).isCloseTo(80.0, within(1e-9));
    assertThat(record.risk()).isCloseTo(20.0, within(1e-9));
    assertThat(record.referenceTime()).isNull();
    assertThat(record.eventCount()).isZero();
    assertThat(record.drivers()).isEmpty();
    assertThat(record.membersNotReporting()).isEqualTo(NATO.members().stream().sorted().toList());
  }

  @Test
  void example2_givenNato2024Spending_whenEvaluated_thenShortfallAndScoresMatch() {
    ScoreRecord record = new ModelHarness(NATO).feed(TestData.natoSpending(2024)).at(AFTER_2024);

    assertExample2(record);
    assertThat(record.eventCount()).isEqualTo(31);
    assertThat(record.referenceTime()).isEqualTo(Instant.parse("2024-12-31T00:00:00Z"));
  }

  @Test
  void example3_givenNato2014Spending_whenEvaluated_thenShortfallAndScoresMatch() {
    ScoreRecord record = new ModelHarness(NATO).feed(TestData.natoSpending(2014)).at(AFTER_2024);

    assertThat(record.spendingShortfall()).isCloseTo(0.34968, within(0.00001));
    assertThat(record.cohesion()).isCloseTo(66.5286, within(TOLERANCE));
    assertThat(record.risk()).isCloseTo(27.2465, within(TOLERANCE));
    assertThat(record.membersBelowGuideline()).hasSize(28);
  }

  @ParameterizedTest(name = "shuffle seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void example3_givenBothYearsInAnyOrder_whenEvaluated_then2024ValuesWin(long seed) {
    List<IndicatorEvent> both = new ArrayList<>(TestData.natoSpending(2014));
    both.addAll(TestData.natoSpending(2024));
    Collections.shuffle(both, new Random(seed));

    ScoreRecord record = new ModelHarness(NATO).feed(both).at(AFTER_2024);

    assertExample2(record);
    assertThat(record.eventCount()).isEqualTo(both.size());
  }

  private static void assertExample2(ScoreRecord record) {
    assertThat(record.spendingShortfall()).isCloseTo(0.07452, within(0.00001));
    assertThat(record.cohesion()).isCloseTo(77.5087, within(TOLERANCE));
    assertThat(record.risk()).isCloseTo(21.2227, within(TOLERANCE));
    assertThat(record.membersBelowGuideline())
        .extracting(MemberSpending::country)
        .containsExactly("BEL", "CAN", "ESP", "HRV", "ITA", "LUX", "PRT", "SVN");
    assertThat(record.membersNotReporting()).containsExactly("ISL");
    assertThat(record.contributions().cohesion().get("DEFENSE_SPENDING"))
        .isCloseTo(-2.0 * 0.07452, within(0.0001));
  }

  @Test
  void example4_givenAukusEventsAtTheLatestEvent_thenScoresAndContributionsMatch() {
    ModelHarness aukus = new ModelHarness(AUKUS).feed(TestData.aukusExample());

    ScoreRecord record = aukus.at("2026-03-10T12:00:00Z");

    assertThat(record.cohesion()).isCloseTo(78.6962, within(TOLERANCE));
    assertThat(record.risk()).isCloseTo(25.5940, within(TOLERANCE));
    assertThat(record.contributions().cohesion().get("POLITICAL_TENSION"))
        .isCloseTo(-0.17343, within(0.00001));
    assertThat(record.contributions().cohesion().get("JOINT_EXERCISE"))
        .isCloseTo(0.09384, within(0.00001));
    assertThat(record.contributions().risk().get("CYBER_INCIDENT"))
        .isCloseTo(0.28000, within(0.00001));
    assertThat(record.contributions().risk().get("COHESION")).isCloseTo(0.63912, within(0.00001));
    assertThat(record.eventCount()).isEqualTo(3);
    assertThat(aukus.duplicates()).isEqualTo(1);
    assertThat(record.referenceTime()).isEqualTo(Instant.parse("2026-03-10T12:00:00Z"));
    assertThat(record.drivers())
        .extracting(d -> d.id() + ":" + d.type() + ":" + d.country())
        .containsExactly(
            "a2:CYBER_INCIDENT:GBR", "a1:POLITICAL_TENSION:AUS", "a3:JOINT_EXERCISE:AUS");
    assertThat(record.drivers().get(1).effect()).isCloseTo(-0.17343, within(0.00001));
  }

  @Test
  void example4_givenAukusEventsOneHalfLifeLater_thenTheCyberIncidentHasHalved() {
    ScoreRecord record =
        new ModelHarness(AUKUS).feed(TestData.aukusExample()).at("2026-03-24T12:00:00Z");

    assertThat(record.cohesion()).isCloseTo(79.2592, within(TOLERANCE));
    assertThat(record.risk()).isCloseTo(22.7221, within(TOLERANCE));
    assertThat(record.contributions().risk().get("CYBER_INCIDENT"))
        .isCloseTo(0.14000, within(0.00001));
  }

  @Test
  void example4_givenAukusEventsMonthsLater_thenEvidenceHasFaded() {
    ScoreRecord record =
        new ModelHarness(AUKUS).feed(TestData.aukusExample()).at("2026-06-01T00:00:00Z");

    assertThat(record.cohesion()).isCloseTo(80.1659, within(TOLERANCE));
    assertThat(record.risk()).isCloseTo(19.9958, within(TOLERANCE));
  }

  @Test
  void example4_givenAukusEventsInEveryOrder_thenTheSameScores() {
    List<IndicatorEvent> events = TestData.aukusExample();
    ScoreRecord expected = new ModelHarness(AUKUS).feed(events).at("2026-03-24T12:00:00Z");
    for (List<IndicatorEvent> order : Permutations.of(events)) {
      ScoreRecord record = new ModelHarness(AUKUS).feed(order).at("2026-03-24T12:00:00Z");
      assertThat(record.cohesion()).isCloseTo(expected.cohesion(), within(1e-9));
      assertThat(record.risk()).isCloseTo(expected.risk(), within(1e-9));
      assertThat(record.drivers()).isEqualTo(expected.drivers());
      assertThat(record.eventCount()).isEqualTo(3);
    }
  }
}
