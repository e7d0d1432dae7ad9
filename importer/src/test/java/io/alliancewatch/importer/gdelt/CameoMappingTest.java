package io.alliancewatch.importer.gdelt;

import static io.alliancewatch.importer.testing.GdeltLine.event;
import static io.alliancewatch.importer.testing.Mapped.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per row of the two CAMEO tables of sources.md, on lines in the real 61-column format.
 * Inside: DEU and FRA are NATO members only. Against: RUS is a known country outside NATO, and POL
 * a member of NATO only, so each line concerns exactly one alliance unless a test says so.
 */
class CameoMappingTest {

  @ParameterizedTest(name = "root {0}")
  @ValueSource(strings = {"100", "111", "120", "130", "141", "160"})
  void givenTwoMembers_whenRootIsDemandDisapproveRejectThreatenProtestOrReduce_thenPoliticalTension(
      String code) {
    assertInside(code, IndicatorType.POLITICAL_TENSION);
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(strings = {"050", "051", "057"})
  void givenTwoMembers_whenRootIs05_thenCommitmentReaffirmed(String code) {
    assertInside(code, IndicatorType.COMMITMENT_REAFFIRMED);
  }

  @Test
  void givenTwoMembers_whenBaseIs062_thenJointExercise() {
    assertInside("062", IndicatorType.JOINT_EXERCISE);
  }

  @Test
  void givenTwoMembers_whenBaseIs064_thenIntelligenceSharing() {
    assertInside("064", IndicatorType.INTELLIGENCE_SHARING);
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(strings = {"150", "172", "176", "180", "1831", "193", "200"})
  void givenTwoMembers_whenRootIsForceCoerceAssaultFightOrMassViolence_thenMilitaryIncident(
      String code) {
    // 176 included: between members a cyber attack is root 17, a military incident
    assertInside(code, IndicatorType.MILITARY_INCIDENT);
  }

  @Test
  void givenAnOutsiderAgainstAMember_whenCodeIs176_thenCyberIncident() {
    assertAgainst("176", IndicatorType.CYBER_INCIDENT);
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(strings = {"183", "1831", "1832", "185", "186"})
  void givenAnOutsiderAgainstAMember_whenBaseIs183or185or186_thenTerrorism(String code) {
    assertAgainst(code, IndicatorType.TERRORISM);
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(strings = {"130", "138", "170", "171", "1711", "172", "173", "175"})
  void givenAnOutsiderAgainstAMember_whenRoot13OrAnotherRoot17Code_thenHybridThreat(String code) {
    assertAgainst(code, IndicatorType.HYBRID_THREAT);
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(strings = {"150", "180", "181", "182", "1823", "184", "190", "195", "200"})
  void givenAnOutsiderAgainstAMember_whenRoot15OrAnotherRoot18CodeOr19Or20_thenMilitaryIncident(
      String code) {
    assertAgainst(code, IndicatorType.MILITARY_INCIDENT);
  }

  @Test
  void givenGbrAgainstUsa_whenRoot19_thenInsideNatoAndAukusAndAgainstQuadAndAnzus() {
    List<IndicatorEvent> events = events(event("77", "GBR", "USA", "190"));

    assertThat(events)
        .extracting(
            IndicatorEvent::allianceId,
            IndicatorEvent::type,
            IndicatorEvent::country,
            IndicatorEvent::counterpart)
        .containsExactly(
            tuple("ANZUS", IndicatorType.MILITARY_INCIDENT, "USA", "GBR"),
            tuple("AUKUS", IndicatorType.MILITARY_INCIDENT, "GBR", "USA"),
            tuple("NATO", IndicatorType.MILITARY_INCIDENT, "GBR", "USA"),
            tuple("QUAD", IndicatorType.MILITARY_INCIDENT, "USA", "GBR"));
    // one GDELT row, one id for every alliance: not duplicates of each other
    assertThat(events).extracting(IndicatorEvent::id).containsOnly("77");
  }

  @Test
  void givenCanAgainstUsa_whenRoot17_thenHybridThreatAgainstAukusQuadAnzusAndIncidentInsideNato() {
    List<IndicatorEvent> events = events(event("78", "CAN", "USA", "172"));

    assertThat(events)
        .extracting(IndicatorEvent::allianceId, IndicatorEvent::type)
        .containsExactly(
            tuple("ANZUS", IndicatorType.HYBRID_THREAT),
            tuple("AUKUS", IndicatorType.HYBRID_THREAT),
            tuple("NATO", IndicatorType.MILITARY_INCIDENT),
            tuple("QUAD", IndicatorType.HYBRID_THREAT));
  }

  @Test
  void givenAMemberOfTwoAlliancesAsTarget_whenAnOutsiderAttacks_thenOneEventForEachAlliance() {
    List<IndicatorEvent> events = events(event("79", "CHN", "AUS", "176"));

    assertThat(events)
        .extracting(
            IndicatorEvent::allianceId, IndicatorEvent::country, IndicatorEvent::counterpart)
        .containsExactly(
            tuple("ANZUS", "AUS", "CHN"),
            tuple("AUKUS", "AUS", "CHN"),
            tuple("QUAD", "AUS", "CHN"));
    assertThat(events).extracting(IndicatorEvent::type).containsOnly(IndicatorType.CYBER_INCIDENT);
  }

  private static void assertInside(String code, IndicatorType expected) {
    List<IndicatorEvent> events = events(event("1", "DEU", "FRA", code));

    assertThat(events)
        .extracting(
            IndicatorEvent::allianceId,
            IndicatorEvent::type,
            IndicatorEvent::country,
            IndicatorEvent::counterpart)
        .containsExactly(tuple("NATO", expected, "DEU", "FRA"));
  }

  private static void assertAgainst(String code, IndicatorType expected) {
    List<IndicatorEvent> events = events(event("2", "RUS", "POL", code));

    assertThat(events)
        .extracting(
            IndicatorEvent::allianceId,
            IndicatorEvent::type,
            IndicatorEvent::country,
            IndicatorEvent::counterpart)
        .containsExactly(tuple("NATO", expected, "POL", "RUS"));
  }
}
