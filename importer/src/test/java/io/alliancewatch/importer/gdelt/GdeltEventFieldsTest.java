package io.alliancewatch.importer.gdelt;

import static io.alliancewatch.importer.testing.GdeltLine.event;
import static io.alliancewatch.importer.testing.Mapped.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.contracts.IndicatorEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fields of each event, as sources.md defines them, in double precision, never rounded. */
class GdeltEventFieldsTest {

  @Test
  void givenARow_whenMapped_thenSourceIdTimeSummaryAndUrlComeFromItsColumns() {
    IndicatorEvent event =
        events(
                event("1234567890", "DEU", "FRA", "0874")
                    .set(26, "050")
                    .set(27, "050")
                    .set(28, "05")
                    .actor1("GERMANY", "DEU")
                    .actor2("PARIS", "FRA")
                    .sqlDate("20181024")
                    .dateAdded("20191024143000")
                    .url("https://example.org/news?id=1"))
            .get(0);

    assertThat(event.source()).isEqualTo("gdelt");
    assertThat(event.id()).isEqualTo("1234567890");
    // DATEADDED, when GDELT saw the story, not SQLDATE (a year older here)
    assertThat(event.occurredAt()).isEqualTo(Instant.parse("2019-10-24T14:30:00Z"));
    // the code as printed: "050" keeps its leading zero
    assertThat(event.summary()).isEqualTo("CAMEO 050: GERMANY -> PARIS");
    assertThat(event.url()).isEqualTo("https://example.org/news?id=1");
    assertThat(event.value()).isNull();
  }

  @ParameterizedTest(name = "Goldstein {0} -> severity {1}")
  @CsvSource({"-7.0,0.7", "3.4,0.34", "10,1.0", "-10.0,1.0", "0,0.0", "-0.3,0.03", "12.5,1.0"})
  void givenAGoldsteinScale_whenMapped_thenSeverityIsItsMagnitudeOverTenCappedAtOne(
      String goldstein, double severity) {
    IndicatorEvent event = events(event("1", "DEU", "FRA", "190").goldstein(goldstein)).get(0);

    assertThat(event.severity())
        .isEqualTo(Math.min(1, Math.abs(Double.parseDouble(goldstein)) / 10));
    assertThat(event.severity()).isCloseTo(severity, org.assertj.core.data.Offset.offset(1e-12));
  }

  @ParameterizedTest(name = "NumSources ''{0}'' -> confidence {1}")
  @CsvSource({"'',0.2", "0,0.2", "1,0.2", "2,0.4", "4,0.8", "5,1.0", "12,1.0"})
  void givenNumSources_whenMapped_thenConfidenceIsAFifthEachBetweenPoint2AndOne(
      String numSources, double confidence) {
    IndicatorEvent event = events(event("1", "DEU", "FRA", "190").numSources(numSources)).get(0);

    assertThat(event.confidence()).isEqualTo(confidence);
  }

  @Test
  void givenThreeSources_whenMapped_thenConfidenceIsTheUnroundedDouble() {
    IndicatorEvent event = events(event("1", "DEU", "FRA", "190").numSources("3")).get(0);

    assertThat(event.confidence()).isEqualTo(0.2 * 3).isNotEqualTo(0.6);
  }

  @Test
  void givenAUrlThatIsNotAbsoluteHttp_whenMapped_thenTheEventHasNoUrlButIsKept() {
    assertThat(events(event("1", "DEU", "FRA", "190").url("")).get(0).url()).isNull();
    assertThat(events(event("1", "DEU", "FRA", "190").url("ftp://x.org/a")).get(0).url()).isNull();
    assertThat(events(event("1", "DEU", "FRA", "190").url("www.x.org/a b")).get(0).url()).isNull();
    assertThat(events(event("1", "DEU", "FRA", "190").url("HTTP://X.ORG/A")).get(0).url())
        .isEqualTo("HTTP://X.ORG/A");
  }

  @Test
  void givenVeryLongActorNames_whenMapped_thenSummaryIsCutTo1000CodePoints() {
    String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units
    String longName = emoji.repeat(600);
    IndicatorEvent event =
        events(event("1", "DEU", "FRA", "190").actor1(longName, "DEU").actor2(longName, "FRA"))
            .get(0);

    assertThat(event.summary().codePointCount(0, event.summary().length())).isEqualTo(1000);
    assertThat(event.summary()).startsWith("CAMEO 190: " + emoji);
    assertThat(Character.isHighSurrogate(event.summary().charAt(event.summary().length() - 1)))
        .isFalse();
  }

  @Test
  void givenTheSameRowTwice_whenMapped_thenTheBytesAreIdentical() {
    String line = event("42", "GBR", "USA", "190").toString();
    GdeltMapper mapper =
        new GdeltMapper(io.alliancewatch.importer.testing.Mapped.bundledAlliances());

    var first = (io.alliancewatch.importer.core.LineOutcome.Send) mapper.map(line);
    var second = (io.alliancewatch.importer.core.LineOutcome.Send) mapper.map(line);

    assertThat(first.payloads()).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(second.payloads().get(i).json()).isEqualTo(first.payloads().get(i).json());
    }
  }
}
