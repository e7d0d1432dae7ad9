package io.alliancewatch.importer.gdelt;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.importer.core.Importer;
import io.alliancewatch.importer.core.Progress;
import io.alliancewatch.importer.core.SourceFile;
import io.alliancewatch.importer.report.ImportReport;
import io.alliancewatch.importer.report.ImportReport.SkippedLine;
import io.alliancewatch.importer.testing.GdeltLine;
import io.alliancewatch.importer.testing.Mapped;
import io.alliancewatch.importer.testing.RecordingSink;
import io.alliancewatch.importer.testing.Resources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole files through the importer: every row accounted for, by reason and line number. */
class GdeltImportTest {

  @TempDir Path dir;

  private final RecordingSink sink = new RecordingSink();
  private final ImportReport report = new ImportReport("gdelt");

  private void importPath(Path path) throws Exception {
    Importer importer = new Importer(sink, 7, report, Progress.NONE);
    for (SourceFile file : SourceFile.of(path)) {
      importer.importFile(file, new GdeltMapper(Mapped.bundledAlliances()));
    }
  }

  @Test
  void givenTheDerivedExport_whenImported_thenEverySkipReasonIsCountedWithItsLines()
      throws Exception {
    importPath(Resources.copy("/gdelt/derived.export.CSV", dir));

    assertThat(report.getRowsRead()).isEqualTo(50);
    assertThat(linesBy(report.getSkipped()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                GdeltMapper.MALFORMED, List.of(50L),
                GdeltMapper.NO_COUNTRY, List.of(47L, 48L, 49L),
                GdeltMapper.NOT_ALLIANCE_MATTER, List.of(44L, 45L, 46L),
                GdeltMapper.UNMAPPED_CODE, List.of(14L, 42L, 43L)));
    assertThat(report.getSkipped().get(GdeltMapper.MALFORMED).get(0).detail())
        .isEqualTo("has 60 tab-separated columns, expected 61");
    assertThat(report.getEventsSent()).isEqualTo(sink.sent().size()).isEqualTo(57);
  }

  @Test
  void givenTheDerivedExport_whenImported_thenEveryIndicatorOfBothTablesIsReached()
      throws Exception {
    importPath(Resources.copy("/gdelt/derived.export.CSV", dir));

    Set<String> types =
        report.getSent().values().stream()
            .flatMap(byType -> byType.keySet().stream())
            .collect(Collectors.toSet());
    assertThat(types)
        .containsExactlyInAnyOrder(
            IndicatorType.POLITICAL_TENSION.name(),
            IndicatorType.COMMITMENT_REAFFIRMED.name(),
            IndicatorType.JOINT_EXERCISE.name(),
            IndicatorType.INTELLIGENCE_SHARING.name(),
            IndicatorType.MILITARY_INCIDENT.name(),
            IndicatorType.CYBER_INCIDENT.name(),
            IndicatorType.TERRORISM.name(),
            IndicatorType.HYBRID_THREAT.name());
    assertThat(report.getSent().keySet()).containsExactly("ANZUS", "AUKUS", "CSTO", "NATO", "QUAD");
  }

  @Test
  void givenTheRealExport_whenImported_thenMostRowsAreSkippedForNoCountryAndNothingIsLost()
      throws Exception {
    importPath(Resources.copy("/gdelt/real.export.CSV", dir));

    assertThat(report.getRowsRead()).isEqualTo(2111);
    Map<String, Integer> counts =
        report.getSkipped().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
    assertThat(counts.get(GdeltMapper.NO_COUNTRY))
        .isGreaterThan(counts.get(GdeltMapper.NOT_ALLIANCE_MATTER))
        .isGreaterThan(counts.get(GdeltMapper.UNMAPPED_CODE));
    assertThat(counts).doesNotContainKey(GdeltMapper.MALFORMED);
    long rowsWithEvents = report.getRowsRead() - report.getRowsSkipped();
    assertThat(rowsWithEvents).isPositive();
    assertThat(sink.sent()).hasSize((int) report.getEventsSent());
  }

  @Test
  void givenAZippedExport_whenImported_thenSameOutcomeAsThePlainFile() throws Exception {
    Path zip = dir.resolve("20191024143000.export.CSV.zip");
    Files.write(
        zip,
        Resources.zip("20191024143000.export.CSV", Resources.bytes("/gdelt/derived.export.CSV")));

    importPath(zip);

    assertThat(report.getRowsRead()).isEqualTo(50);
    assertThat(report.getEventsSent()).isEqualTo(57);
    assertThat(report.getFiles())
        .extracting(ImportReport.FileRows::file)
        .containsExactly("20191024143000.export.CSV.zip!20191024143000.export.CSV");
  }

  @Test
  void givenAWrongColumnCountOnLine3_whenImported_thenItIsReportedWithLine3AndTheRestImports()
      throws Exception {
    String good = GdeltLine.event("1", "DEU", "FRA", "190").toString();
    String cut = good.substring(0, good.lastIndexOf('\t'));
    Path file = dir.resolve("cut.export.CSV");
    Files.writeString(
        file, good + "\n" + good + "\n" + cut + "\n\n" + good + "\n", StandardCharsets.UTF_8);

    importPath(file);

    assertThat(report.getRowsRead()).isEqualTo(5);
    assertThat(report.getSkipped().get(GdeltMapper.MALFORMED))
        .containsExactly(
            new SkippedLine("cut.export.CSV", 3, "has 60 tab-separated columns, expected 61"),
            new SkippedLine("cut.export.CSV", 4, "has 1 tab-separated columns, expected 61"));
    assertThat(sink.sent()).hasSize(3);
  }

  @Test
  void givenRefusals_whenImported_thenEachRefusedEventIsBookedWithItsSourceLine() throws Exception {
    RecordingSink refusing = new RecordingSink(json -> json.contains("\"id\":\"9000000012\""));
    Importer importer = new Importer(refusing, 5, report, Progress.NONE);

    for (SourceFile file : SourceFile.of(Resources.copy("/gdelt/derived.export.CSV", dir))) {
      importer.importFile(file, new GdeltMapper(Mapped.bundledAlliances()));
    }

    // row 12 (NZL -> AUS, 064) is inside ANZUS only: one event, refused, on line 12
    assertThat(report.getRefused())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.line()).isEqualTo(12);
              assertThat(r.alliances()).containsExactly("ANZUS");
              assertThat(r.pointer()).isEqualTo("/severity");
            });
    assertThat(report.getEventsSent()).isEqualTo(56);
    assertThat(refusing.batchSizes()).allMatch(size -> size <= 5);
  }

  private static Map<String, List<Long>> linesBy(Map<String, List<SkippedLine>> skipped) {
    return skipped.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().stream().map(SkippedLine::line).toList()));
  }
}
