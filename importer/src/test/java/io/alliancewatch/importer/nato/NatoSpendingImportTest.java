package io.alliancewatch.importer.nato;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.importer.core.Importer;
import io.alliancewatch.importer.core.LineOutcome;
import io.alliancewatch.importer.core.Progress;
import io.alliancewatch.importer.core.SourceFile;
import io.alliancewatch.importer.report.ImportReport;
import io.alliancewatch.importer.testing.RecordingSink;
import io.alliancewatch.importer.testing.Resources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NATO's CSV of shared/data, copied into test resources, as sources.md maps it. */
class NatoSpendingImportTest {

  @TempDir Path dir;

  private RecordingSink importOnce(ImportReport report) throws Exception {
    RecordingSink sink = new RecordingSink();
    Importer importer = new Importer(sink, 1000, report, Progress.NONE);
    for (SourceFile file :
        SourceFile.of(Resources.copy("/nato/nato-defence-expenditure.csv", dir))) {
      importer.importFile(file, new NatoSpendingMapper());
    }
    return sink;
  }

  @Test
  void givenNatosCsv_whenImported_thenSixtyTwoSpendingEventsWithIdsValuesAndDatesOfTheRows()
      throws Exception {
    ImportReport report = new ImportReport("nato-dex");

    List<IndicatorEvent> events = read(importOnce(report).sent());

    assertThat(events).hasSize(62);
    assertThat(report.getRowsRead()).isEqualTo(62);
    assertThat(report.getRowsSkipped()).isZero();
    assertThat(report.getSent()).containsOnlyKeys("NATO");
    List<String[]> rows = csvRows();
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      IndicatorEvent event = events.get(i);
      assertThat(event.id()).isEqualTo(row[0] + "-" + row[1]);
      assertThat(event.source()).isEqualTo("nato-dex");
      assertThat(event.type()).isEqualTo(IndicatorType.DEFENSE_SPENDING);
      assertThat(event.allianceId()).isEqualTo("NATO");
      assertThat(event.country()).isEqualTo(row[0]);
      assertThat(event.value()).isEqualTo(Double.parseDouble(row[2]));
      assertThat(event.occurredAt()).isEqualTo(Instant.parse(row[1] + "-12-31T00:00:00Z"));
      assertThat(event.severity()).isNull();
    }
  }

  @Test
  void givenNatosCsv_whenSpecificRowsAreMapped_thenTheyMatchTheFile() throws Exception {
    List<IndicatorEvent> events = read(importOnce(new ImportReport("nato-dex")).sent());

    assertThat(events)
        .filteredOn(e -> e.id().equals("POL-2024"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.value()).isEqualTo(4.12);
              assertThat(e.occurredAt()).isEqualTo(Instant.parse("2024-12-31T00:00:00Z"));
            });
    assertThat(events).extracting(IndicatorEvent::country).doesNotContain("ISL");
  }

  @Test
  void givenNatosCsv_whenImportedTwice_thenTheSecondImportSendsByteIdenticalEvents()
      throws Exception {
    List<String> first = importOnce(new ImportReport("nato-dex")).sent();
    List<String> second = importOnce(new ImportReport("nato-dex")).sent();

    assertThat(second).hasSize(62).containsExactlyElementsOf(first);
  }

  @Test
  void givenARowWithoutAFigureOrUnreadable_whenMapped_thenSkippedWithTheReason() {
    NatoSpendingMapper mapper = new NatoSpendingMapper();

    assertThat(mapper.map("ISL,2024,"))
        .isEqualTo(LineOutcome.skip("no value", "ISL reports no figure for 2024"));
    assertThat(((LineOutcome.Skip) mapper.map("DEU,2024,two")).reason()).isEqualTo("malformed");
    assertThat(((LineOutcome.Skip) mapper.map("DEU,24,2.1")).reason()).isEqualTo("malformed");
    assertThat(((LineOutcome.Skip) mapper.map("DEU,2024")).reason()).isEqualTo("malformed");
    assertThat(mapper.isHeader("country,year,pct_gdp")).isTrue();
    assertThat(mapper.isHeader("DEU,2024,2.12")).isFalse();
  }

  private static List<String[]> csvRows() {
    String csv =
        new String(Resources.bytes("/nato/nato-defence-expenditure.csv"), StandardCharsets.UTF_8);
    return Arrays.stream(csv.split("\n"))
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> l.strip().split(","))
        .toList();
  }

  private static List<IndicatorEvent> read(List<String> json) throws Exception {
    List<IndicatorEvent> events = new java.util.ArrayList<>();
    for (String line : json) {
      events.add(Json.mapper().readValue(line, IndicatorEvent.class));
    }
    return events;
  }
}
