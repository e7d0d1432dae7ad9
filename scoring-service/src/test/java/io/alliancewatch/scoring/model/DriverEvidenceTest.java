package io.alliancewatch.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.ScoreRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A driver carries its event's evidence URL, so the dashboard can link to it. */
class DriverEvidenceTest {

  private static final Alliance AUKUS =
      new Alliance("AUKUS", "AUKUS", List.of("AUS", "GBR", "USA"), null);

  private static IndicatorEvent incident(String id, String url) {
    Instant at = Instant.parse("2026-03-10T12:00:00Z");
    return new IndicatorEvent(
        id,
        "analyst",
        IndicatorType.CYBER_INCIDENT,
        "AUKUS",
        "GBR",
        null,
        0.8,
        null,
        1.0,
        at,
        null,
        url,
        at);
  }

  @Test
  void givenAnEventWithAUrl_whenItDrivesTheScore_thenTheDriverLinksToItsEvidence()
      throws Exception {
    ScoreRecord record =
        new ModelHarness(AUKUS)
            .feed(incident("a1", "https://example.org/report/1"))
            .feed(incident("a2", null))
            .at("2026-03-10T12:00:00Z");

    assertThat(record.drivers())
        .extracting(ScoreRecord.Driver::id, ScoreRecord.Driver::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a1", "https://example.org/report/1"),
            org.assertj.core.groups.Tuple.tuple("a2", null));
    String json = Json.mapper().writeValueAsString(record.drivers().get(1));
    assertThat(json).doesNotContain("url");
  }
}
