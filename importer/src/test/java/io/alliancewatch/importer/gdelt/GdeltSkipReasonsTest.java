package io.alliancewatch.importer.gdelt;

import static io.alliancewatch.importer.testing.GdeltLine.event;
import static io.alliancewatch.importer.testing.Mapped.skip;
import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.importer.core.LineOutcome;
import io.alliancewatch.importer.testing.GdeltLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A row that gives no event is counted under the first reason of sources.md that applies. */
class GdeltSkipReasonsTest {

  @Test
  void givenSixtyColumns_whenMapped_thenMalformedSayingTheCount() {
    String line = event("1", "DEU", "FRA", "190").toString();
    String sixty = line.substring(0, line.lastIndexOf('\t'));

    LineOutcome.Skip skip =
        (LineOutcome.Skip)
            new GdeltMapper(io.alliancewatch.importer.testing.Mapped.bundledAlliances()).map(sixty);

    assertThat(skip.reason()).isEqualTo(GdeltMapper.MALFORMED);
    assertThat(skip.detail()).contains("60").contains("61");
  }

  @Test
  void givenSixtyTwoColumns_whenMapped_thenMalformed() {
    String line = event("1", "DEU", "FRA", "190") + "\textra";

    LineOutcome.Skip skip =
        (LineOutcome.Skip)
            new GdeltMapper(io.alliancewatch.importer.testing.Mapped.bundledAlliances()).map(line);

    assertThat(skip.reason()).isEqualTo(GdeltMapper.MALFORMED);
    assertThat(skip.detail()).contains("62");
  }

  @ParameterizedTest(name = "column {0} = ''{1}''")
  @CsvSource({
    "0,''",
    "0,'  '",
    "28,''",
    "28,x1",
    "30,''",
    "30,NaN",
    "30,Infinity",
    "30,abc",
    "32,many",
    "32,-1",
    "59,''",
    "59,2019102414300",
    "59,20191324143000",
    "59,20191024250000",
    "59,2019-10-24T14:30"
  })
  void givenAnUnreadableRequiredColumn_whenMapped_thenMalformed(int column, String value) {
    // DEU -> FRA with root 19 would otherwise be a NATO event
    LineOutcome.Skip skip = skip(event("1", "DEU", "FRA", "190").set(column, value));

    assertThat(skip.reason()).isEqualTo(GdeltMapper.MALFORMED);
    assertThat(skip.detail()).contains("column " + column);
  }

  @Test
  void givenAMalformedRowWithoutCountries_whenMapped_thenMalformedComesFirst() {
    LineOutcome.Skip skip = skip(event("1", "", "", "190").goldstein(""));

    assertThat(skip.reason()).isEqualTo(GdeltMapper.MALFORMED);
  }

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource({"'',USA", "USA,''", "EUR,USA", "USA,AFR", "SAF,SEA", "WST,DEU", "usa,DEU"})
  void givenAnActorWithoutAKnownCountry_whenMapped_thenNoCountry(String a1, String a2) {
    LineOutcome.Skip skip = skip(event("1", a1, a2, "190"));

    assertThat(skip.reason()).isEqualTo(GdeltMapper.NO_COUNTRY);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"USA,USA", "RUS,UKR", "BRA,CHN", "POL,BRA"})
  void givenNoAllianceInsideOrAgainst_whenMapped_thenNotAnAllianceMatter(String a1, String a2) {
    // POL -> BRA: a member acting on an outsider is not against NATO (only a2 is the target)
    LineOutcome.Skip skip = skip(event("1", a1, a2, "190"));

    assertThat(skip.reason()).isEqualTo(GdeltMapper.NOT_ALLIANCE_MATTER);
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(strings = {"010", "040", "061", "063", "070", "090"})
  void givenTwoMembers_whenTheCodeIsInNoInsideRow_thenUnmappedCode(String code) {
    LineOutcome.Skip skip = skip(event("1", "DEU", "FRA", code));

    assertThat(skip.reason()).isEqualTo(GdeltMapper.UNMAPPED_CODE);
  }

  @ParameterizedTest(name = "code {0}")
  @ValueSource(strings = {"050", "062", "064", "100", "111", "140", "160"})
  void givenAnOutsiderAgainstAMember_whenTheCodeIsInNoAgainstRow_thenUnmappedCode(String code) {
    LineOutcome.Skip skip = skip(event("1", "RUS", "POL", code));

    assertThat(skip.reason()).isEqualTo(GdeltMapper.UNMAPPED_CODE);
  }

  @Test
  void givenABlankNumSources_whenMapped_thenTheRowIsNotMalformed() {
    GdeltLine line = event("1", "DEU", "FRA", "190").numSources("");

    assertThat(io.alliancewatch.importer.testing.Mapped.events(line)).hasSize(1);
  }
}
