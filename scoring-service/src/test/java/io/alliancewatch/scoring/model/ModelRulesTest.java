package io.alliancewatch.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.ScoreRecord.Driver;
import io.alliancewatch.scoring.testdata.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of scoring.md sections 3, 5 and 7 at their edges. */
class ModelRulesTest {

  private static final Alliance NATO = TestData.alliances().get("NATO");
  private static final Alliance AUKUS = TestData.alliances().get("AUKUS");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** Events of every type from a seeded generator, some sharing instants, some duplicated. */
  private static List<IndicatorEvent> randomEvents(long seed, int count) {
    Random random = new Random(seed);
    List<IndicatorEvent> events = new ArrayList<>();
    IndicatorType[] types = IndicatorType.values();
    for (int i = 0; i < count; i++) {
      IndicatorType type = types[random.nextInt(types.length)];
      Instant at = START.plus(Duration.ofHours(random.nextInt(24 * 200)));
      String country = NATO.members().get(random.nextInt(NATO.members().size()));
      events.add(
          type == IndicatorType.DEFENSE_SPENDING
              ? TestData.spending(
                  "src" + random.nextInt(3), "e" + i, "NATO", country, random.nextDouble() * 4, at)
              : TestData.event(
                  "src" + random.nextInt(3),
                  "e" + i,
                  type,
                  "NATO",
                  country,
                  random.nextDouble(),
                  random.nextBoolean() ? null : random.nextDouble(),
                  at.toString()));
    }
    return events;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 11, 13, 17, 19, 23, 29, 31})
  void shouldScoreTheSameWhateverTheArrivalOrder(long seed) {
    List<IndicatorEvent> events = randomEvents(seed, 120);
    Instant asOf = START.plus(Duration.ofDays(230));
    ScoreRecord expected = new ModelHarness(NATO).feed(events).at(asOf);

    for (int shuffle = 0; shuffle < 10; shuffle++) {
      List<IndicatorEvent> order = new ArrayList<>(events);
      Collections.shuffle(order, new Random(seed * 100 + shuffle));
      ScoreRecord record = new ModelHarness(NATO).feed(order).at(asOf);

      assertThat(record.cohesion()).isCloseTo(expected.cohesion(), within(1e-9));
      assertThat(record.risk()).isCloseTo(expected.risk(), within(1e-9));
      assertThat(record.referenceTime()).isEqualTo(expected.referenceTime());
      assertThat(record.eventCount()).isEqualTo(120);
      assertThat(record.membersBelowGuideline()).isEqualTo(expected.membersBelowGuideline());
      assertThat(record.drivers())
          .extracting(Driver::id)
          .isEqualTo(expected.drivers().stream().map(Driver::id).toList());
    }
  }

  @Test
  void shouldIgnoreADuplicateWhateverItsOtherFieldsSay_theFirstToArriveWins() {
    IndicatorEvent first =
        TestData.event(
            "analyst",
            "x",
            IndicatorType.MILITARY_INCIDENT,
            "AUKUS",
            "AUS",
            0.2,
            null,
            "2026-03-01T00:00:00Z");
    IndicatorEvent sameKeyOtherFields =
        TestData.event(
            "analyst",
            "x",
            IndicatorType.TERRORISM,
            "AUKUS",
            "GBR",
            1.0,
            null,
            "2026-04-01T00:00:00Z");

    ModelHarness harness = new ModelHarness(AUKUS).feed(first).feed(sameKeyOtherFields);
    ScoreRecord record = harness.at("2026-03-01T00:00:00Z");

    assertThat(harness.duplicates()).isEqualTo(1);
    assertThat(record.eventCount()).isEqualTo(1);
    assertThat(record.referenceTime()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(record.contributions().risk().get("MILITARY_INCIDENT"))
        .isCloseTo(0.12, within(1e-12));
    assertThat(record.contributions().risk().get("TERRORISM")).isZero();
  }

  @Test
  void shouldCountTheSameIdFromAnotherSourceAsAnotherEvent() {
    ModelHarness harness =
        new ModelHarness(AUKUS)
            .feed(
                TestData.event(
                    "gdelt",
                    "1",
                    IndicatorType.HYBRID_THREAT,
                    "AUKUS",
                    "AUS",
                    0.5,
                    null,
                    "2026-03-01T00:00:00Z"))
            .feed(
                TestData.event(
                    "analyst",
                    "1",
                    IndicatorType.HYBRID_THREAT,
                    "AUKUS",
                    "AUS",
                    0.5,
                    null,
                    "2026-03-01T00:00:00Z"));

    assertThat(harness.duplicates()).isZero();
    assertThat(harness.at("2026-03-01T00:00:00Z").eventCount()).isEqualTo(2);
  }

  @Test
  void shouldDriftBackTo80And20FarInTheFuture() {
    ScoreRecord record =
        new ModelHarness(NATO)
            .feed(
                randomEvents(5, 200).stream()
                    .filter(e -> e.type() != IndicatorType.DEFENSE_SPENDING)
                    .toList())
            .at("2100-01-01T00:00:00Z");

    assertThat(record.cohesion()).isCloseTo(80.0, within(1e-6));
    assertThat(record.risk()).isCloseTo(20.0, within(1e-6));
    assertThat(record.drivers())
        .hasSize(5)
        .allSatisfy(d -> assertThat(d.effect()).isCloseTo(0.0, within(1e-9)));
  }

  @Test
  void shouldRefuseAnAsOfBeforeTheReferenceTime() {
    ModelHarness harness = new ModelHarness(AUKUS).feed(TestData.aukusExample());

    assertThatThrownBy(() -> harness.at("2026-03-10T11:59:59.999Z"))
        .isInstanceOf(AsOfBeforeReferenceException.class)
        .hasMessageContaining("2026-03-10T12:00:00Z");
  }

  @Test
  void shouldListEveryContributionNameEvenWhenZero() {
    ScoreRecord record = ModelHarness.MODEL.evaluate("AUKUS", null, AUKUS, START);

    assertThat(record.contributions().cohesion())
        .containsOnlyKeys(
            "BASELINE",
            "DEFENSE_SPENDING",
            "POLITICAL_TENSION",
            "PUBLIC_OPINION_SHIFT",
            "ESPIONAGE",
            "COMMITMENT_WITHDRAWAL",
            "JOINT_EXERCISE",
            "INTELLIGENCE_SHARING",
            "COMMITMENT_REAFFIRMED");
    assertThat(record.contributions().risk())
        .containsOnlyKeys(
            "BASELINE",
            "COHESION",
            "CYBER_INCIDENT",
            "MILITARY_INCIDENT",
            "HYBRID_THREAT",
            "TERRORISM",
            "CLIMATE_DISASTER",
            "PANDEMIC");
    assertThat(record.contributions().cohesion().get("BASELINE"))
        .isCloseTo(Math.log(4), within(1e-12));
    assertThat(record.contributions().risk().get("BASELINE"))
        .isCloseTo(Math.log(0.25) - 0.6, within(1e-12));
  }

  @Test
  void shouldNameTheFiveStrongestDriversWithTiesBrokenBySmallerSourceAndId() {
    ModelHarness harness = new ModelHarness(AUKUS);
    // six equal tensions: only the five smallest (source, id) are named
    for (String id : List.of("f", "b", "d", "a", "e", "c")) {
      harness.feed(
          TestData.event(
              "analyst",
              id,
              IndicatorType.POLITICAL_TENSION,
              "AUKUS",
              "AUS",
              0.5,
              null,
              "2026-03-01T00:00:00Z"));
    }
    harness.feed(
        TestData.spending(
            "nato-dex", "AUS-2025", "AUKUS", "AUS", 1.0, Instant.parse("2026-03-01T00:00:00Z")));

    List<Driver> drivers = harness.at("2026-03-01T00:00:00Z").drivers();

    assertThat(drivers).extracting(Driver::id).containsExactly("a", "b", "c", "d", "e");
    assertThat(drivers).allSatisfy(d -> assertThat(d.effect()).isCloseTo(-0.2, within(1e-12)));
  }

  @Test
  void shouldKeepAnOldStrongEventAsDriverCandidateWhenWeakerNewOnesArrive() {
    ModelHarness harness =
        new ModelHarness(AUKUS)
            .feed(
                TestData.event(
                    "analyst",
                    "old",
                    IndicatorType.ESPIONAGE,
                    "AUKUS",
                    "AUS",
                    1.0,
                    null,
                    "2026-01-01T00:00:00Z"));
    for (int i = 0; i < 6; i++) {
      harness.feed(
          TestData.event(
              "analyst",
              "weak" + i,
              IndicatorType.ESPIONAGE,
              "AUKUS",
              "AUS",
              0.1,
              null,
              "2026-03-01T00:00:00Z"));
    }

    assertThat(harness.at("2026-03-01T00:00:00Z").drivers())
        .extracting(Driver::id)
        .first()
        .isEqualTo("old");
  }

  @Test
  void shouldTakeTheLatestSpendingReportPerMemberWithTiesToTheGreaterSourceAndId() {
    Instant sameDay = Instant.parse("2025-12-31T00:00:00Z");
    ScoreRecord record =
        new ModelHarness(NATO)
            .feed(TestData.spending("nato-dex", "DEU-b", "NATO", "DEU", 1.0, sameDay))
            .feed(TestData.spending("nato-dex", "DEU-c", "NATO", "DEU", 3.0, sameDay))
            .feed(TestData.spending("nato-dex", "DEU-a", "NATO", "DEU", 1.5, sameDay))
            .feed(TestData.spending("analyst", "DEU-z", "NATO", "DEU", 0.5, sameDay))
            .at("2026-01-01T00:00:00Z");

    assertThat(record.spendingShortfall()).isZero();
    assertThat(record.membersBelowGuideline()).isEmpty();
    assertThat(record.membersNotReporting())
        .hasSize(NATO.members().size() - 1)
        .doesNotContain("DEU");
  }

  @Test
  void shouldNotCountAMemberExactlyAtTheGuidelineAsBelowIt() {
    ScoreRecord record =
        new ModelHarness(NATO)
            .feed(TestData.spending("nato-dex", "FRA-2025", "NATO", "FRA", 2.0, START))
            .feed(TestData.spending("nato-dex", "ITA-2025", "NATO", "ITA", 1.0, START))
            .at(START);

    assertThat(record.membersBelowGuideline())
        .extracting(m -> m.country() + "=" + m.value())
        .containsExactly("ITA=1.0");
    assertThat(record.spendingShortfall()).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void shouldHaveNoShortfallWithoutAGuidelineButStillListMembersNotReporting() {
    ScoreRecord record =
        new ModelHarness(AUKUS)
            .feed(TestData.spending("nato-dex", "GBR-2024", "AUKUS", "GBR", 1.0, START))
            .at(START);

    assertThat(record.spendingShortfall()).isZero();
    assertThat(record.membersBelowGuideline()).isEmpty();
    assertThat(record.membersNotReporting()).containsExactly("AUS", "USA");
    assertThat(record.drivers()).isEmpty();
    assertThat(record.eventCount()).isEqualTo(1);
  }

  @Test
  void shouldIgnoreSeverityOnSpendingAndDefaultConfidenceToOne() {
    IndicatorEvent spendingWithSeverity =
        new IndicatorEvent(
            "GBR-x",
            "nato-dex",
            IndicatorType.DEFENSE_SPENDING,
            "AUKUS",
            "GBR",
            null,
            7.0,
            2.3,
            null,
            START,
            null,
            null,
            START);

    assertThat(EventCheck.problem("AUKUS", spendingWithSeverity)).isEmpty();
    ScoreRecord record =
        new ModelHarness(AUKUS)
            .feed(spendingWithSeverity)
            .feed(
                TestData.event(
                    "analyst",
                    "c",
                    IndicatorType.CYBER_INCIDENT,
                    "AUKUS",
                    "GBR",
                    0.5,
                    null,
                    START.toString()))
            .at(START);
    assertThat(record.contributions().risk().get("CYBER_INCIDENT"))
        .isCloseTo(0.35 * 0.5, within(1e-12));
  }

  @Test
  void shouldRefuseEventsScoringCannotUse() {
    IndicatorEvent noSeverity =
        new IndicatorEvent(
            "1",
            "analyst",
            IndicatorType.TERRORISM,
            "AUKUS",
            "GBR",
            null,
            null,
            null,
            null,
            START,
            null,
            null,
            START);
    IndicatorEvent spendingNoValue =
        TestData.spending("nato-dex", "x", "AUKUS", "GBR", Double.NaN, START);
    IndicatorEvent otherAlliance =
        TestData.event(
            "analyst", "2", IndicatorType.TERRORISM, "NATO", "GBR", 0.5, null, START.toString());

    assertThat(EventCheck.problem("AUKUS", noSeverity))
        .contains("severity must be a number in 0..1");
    assertThat(EventCheck.problem("AUKUS", spendingNoValue)).isPresent();
    assertThat(EventCheck.problem("AUKUS", otherAlliance))
        .get()
        .asString()
        .contains("differs from the record key");
  }

  @Test
  void givenNoFrictionEvidenceAndAZeroSeverityEvent_thenZerosAreWrittenAs0NotMinus0()
      throws Exception {
    ScoreRecord record =
        new ModelHarness(NATO)
            .feed(
                TestData.event(
                    "a",
                    "zero",
                    IndicatorType.POLITICAL_TENSION,
                    "NATO",
                    "DEU",
                    0.0,
                    null,
                    "2026-03-01T00:00:00Z"))
            .at("2026-03-02T00:00:00Z");

    String json = io.alliancewatch.contracts.Json.mapper().writeValueAsString(record);
    assertThat(json).doesNotContain("-0.0").doesNotContain(":-0");
    assertThat(Double.doubleToRawLongBits(record.contributions().cohesion().get("ESPIONAGE")))
        .isEqualTo(Double.doubleToRawLongBits(0.0));
    assertThat(Double.doubleToRawLongBits(record.drivers().get(0).effect()))
        .isEqualTo(Double.doubleToRawLongBits(0.0));
  }
}
