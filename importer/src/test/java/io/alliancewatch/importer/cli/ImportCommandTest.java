package io.alliancewatch.importer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.importer.testing.Cli;
import io.alliancewatch.importer.testing.Cli.Run;
import io.alliancewatch.importer.testing.FakeIngest;
import io.alliancewatch.importer.testing.Mapped;
import io.alliancewatch.importer.testing.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real local HTTP server that answers as ingest does. */
class ImportCommandTest {

  @TempDir Path dir;

  private final FakeIngest ingest = new FakeIngest(Mapped.bundledAlliances());

  @AfterEach
  void stop() {
    ingest.close();
  }

  private Run cli(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--ingest-url";
    all[args.length + 1] = ingest.url().toString();
    all[args.length + 2] = "--progress";
    all[args.length + 3] = "none";
    return Cli.run(all);
  }

  @Test
  void givenNatosCsv_whenImported_thenIngestGets62EventsAndTheSummarySaysSo() {
    Path csv = Resources.copy("/nato/nato-defence-expenditure.csv", dir);

    Run run = cli("import", "nato-spending", csv.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(ingest.written()).hasSize(62);
    assertThat(run.out())
        .contains("rows read:     62\n")
        .contains("events sent:   62\n")
        .containsPattern("  NATO +DEFENSE_SPENDING +62\n")
        .contains("rows skipped:  0\n")
        .contains("rows refused:  0 (0 events)\n");
    // the GDELT and NATO mappings use ingest's live registry when sending to it
    assertThat(ingest.allianceRequests()).isEqualTo(1);
    assertThat(run.out()).contains("alliances:     " + ingest.url() + "/api/alliances");
  }

  @Test
  void givenNatosCsvImportedBefore_whenImportedAgain_thenIngestReceivesByteIdenticalEvents() {
    Path csv = Resources.copy("/nato/nato-defence-expenditure.csv", dir);

    cli("import", "nato-spending", csv.toString());
    cli("import", "nato-spending", csv.toString());

    List<String> written = ingest.written();
    assertThat(written).hasSize(124);
    assertThat(written.subList(62, 124)).containsExactlyElementsOf(written.subList(0, 62));
  }

  @Test
  void givenTheDerivedExport_whenImportedWithJson_thenTheReportListsEveryLineByReason()
      throws Exception {
    Path file = Resources.copy("/gdelt/derived.export.CSV", dir);

    Run run = cli("import", "gdelt", file.toString(), "--json");

    assertThat(run.exitCode()).isZero();
    JsonNode report = Json.mapper().readTree(run.out());
    assertThat(report.path("rowsRead").asLong()).isEqualTo(50);
    assertThat(report.path("eventsSent").asLong()).isEqualTo(57);
    assertThat(report.path("rowsSkipped").asLong()).isEqualTo(10);
    assertThat(report.path("skipped").path("malformed").get(0).path("line").asLong()).isEqualTo(50);
    assertThat(report.path("skipped").path("no country")).hasSize(3);
    assertThat(report.path("sent").path("NATO").path("POLITICAL_TENSION").asLong()).isEqualTo(7);
    assertThat(ingest.written()).hasSize(57);
  }

  @Test
  void givenTheDerivedExport_whenImported_thenTheTextSummaryCountsRowsByFateAndNamesLines() {
    Path file = Resources.copy("/gdelt/derived.export.CSV", dir);

    Run run = cli("import", "gdelt", file.toString());

    assertThat(run.out())
        .contains("rows read:     50\n")
        .contains("rows mapped:   40\n")
        .contains("events sent:   57\n")
        .containsPattern("  NATO +POLITICAL_TENSION +7\n")
        .contains("rows skipped:  10\n")
        .containsPattern("  malformed +1  lines derived.export.CSV:50\n")
        .contains("derived.export.CSV:50 has 60 tab-separated columns, expected 61")
        .containsPattern("  unmapped code +3  lines derived.export.CSV:14, 42-43\n");
  }

  @Test
  void givenNdjsonWithBadLinesAcrossBatches_whenImported_thenRefusalsCarryTheFilesLineNumbers()
      throws Exception {
    String good =
        "{\"id\":\"a1\",\"source\":\"analyst\",\"type\":\"JOINT_EXERCISE\",\"country\":\"AUS\","
            + "\"severity\":0.5,\"occurredAt\":\"2026-03-05T00:00:00Z\"}";
    String badSeverity = good.replace("0.5", "2").replace("a1", "a2");
    Path file = dir.resolve("events.ndjson");
    Files.writeString(
        file, good + "\n\n" + badSeverity + "\nnot json\n" + good.replace("a1", "a5") + "\n");

    Run run = cli("import", "ndjson", file.toString(), "--batch-size", "2", "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode report = Json.mapper().readTree(run.out());
    assertThat(report.path("refused").findValuesAsText("line")).containsExactly("3", "4");
    assertThat(report.path("refused").get(0).path("pointer").asText()).isEqualTo("/severity");
    assertThat(report.path("skipped").path("blank line").get(0).path("line").asLong()).isEqualTo(2);
    // a1 goes to every alliance of AUS (no allianceId): counted under each
    assertThat(report.path("sent").path("QUAD").path("JOINT_EXERCISE").asLong()).isEqualTo(2);
    assertThat(ingest.written()).hasSize(2);
  }

  @Test
  void givenIngestListsOnlySomeErrors_whenImported_thenTheUnlistedLinesAreResentAndReported()
      throws Exception {
    ingest.listAtMostErrors(2);
    String bad =
        "{\"id\":\"b\",\"source\":\"analyst\",\"type\":\"JOINT_EXERCISE\",\"country\":\"AUS\","
            + "\"severity\":2,\"occurredAt\":\"2026-03-05T00:00:00Z\"}";
    Path file = dir.resolve("bad.ndjson");
    Files.writeString(file, (bad + "\n").repeat(5));

    Run run = cli("import", "ndjson", file.toString(), "--json");

    JsonNode report = Json.mapper().readTree(run.out());
    assertThat(report.path("refused").findValuesAsText("line"))
        .containsExactly("1", "2", "3", "4", "5");
  }

  @Test
  void givenKafkaDownForTwoRequests_whenImported_thenTheBatchIsRetriedAndEverythingArrives() {
    ingest.kafkaDownFor(2);
    Path csv = Resources.copy("/nato/nato-defence-expenditure.csv", dir);

    Run run = cli("import", "nato-spending", csv.toString(), "--retry-wait", "10ms");

    assertThat(run.exitCode()).isZero();
    assertThat(ingest.bodies()).hasSize(3);
    assertThat(ingest.written()).hasSize(62);
    assertThat(run.err()).contains("answered 503; retry 1 of 8").contains("retry 2 of 8");
  }

  @Test
  void givenKafkaDownLongerThanTheRetries_whenImported_thenItStopsWithExit3AndSaysWhatWasNotSent() {
    ingest.kafkaDownFor(100);
    Path csv = Resources.copy("/nato/nato-defence-expenditure.csv", dir);

    Run run =
        cli("import", "nato-spending", csv.toString(), "--retry-wait", "1ms", "--max-retries", "2");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(ingest.bodies()).hasSize(3);
    assertThat(run.out())
        .contains("events sent:   0\n")
        .contains("rows refused:  62 (62 events)")
        .contains("not delivered")
        .contains("stopped early: ")
        .contains("gave up after 2 retries");
  }

  @Test
  void givenAnAlliancesFile_whenImported_thenItIsUsedInsteadOfIngestsRegistry() throws Exception {
    Path alliances = dir.resolve("alliances.json");
    Files.writeString(
        alliances, "[{\"id\":\"NATO\",\"name\":\"N\",\"members\":[\"DEU\",\"FRA\"]}]");
    Path file = Resources.copy("/gdelt/derived.export.CSV", dir);

    Run run =
        cli("import", "gdelt", file.toString(), "--alliances", alliances.toString(), "--dry-run");

    assertThat(ingest.allianceRequests()).isZero();
    assertThat(ingest.bodies()).isEmpty();
    assertThat(run.out())
        .contains("alliances:     " + alliances)
        .contains("destination:   nowhere (dry run)");
    // with only DEU and FRA as members: row 1 (DEU -> FRA, root 10) and row 17 (FRA -> DEU, 176)
    assertThat(run.out())
        .contains("events sent:   2\n")
        .contains("derived.export.CSV:2 POL -> HUN");
  }

  @Test
  void givenAUrlThatIsNotIngest_whenImported_thenItStopsWithExit3AndSaysWhatToDo() {
    try (var notIngest = new io.alliancewatch.importer.testing.FakeGdelt()) {
      Path csv = Resources.copy("/nato/nato-defence-expenditure.csv", dir);

      Run run =
          Cli.run(
              "import",
              "nato-spending",
              csv.toString(),
              "--ingest-url",
              notIngest.url("").toString(),
              "--progress",
              "none");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out())
          .contains("stopped early: ")
          .contains("answered 404")
          .contains("--alliances");
    }
  }

  @Test
  void givenAMissingFile_whenImported_thenUsageErrorNamingTheFile() {
    Run run = cli("import", "gdelt", dir.resolve("nope.CSV").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope.CSV");
  }

  @Test
  void givenNoSubcommand_whenRun_thenUsageErrorListingTheSources() {
    Run run = Cli.run("import");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nato-spending").contains("gdelt").contains("ndjson");
  }

  @Test
  void givenHelp_whenAsked_thenCommandsExitCodesAndExamplesAreShown() {
    Run run = Cli.run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("import")
        .contains("follow")
        .contains("Exit codes:")
        .contains("Examples:");
  }

  @Test
  void givenHelpOnAGroupOfCommands_whenAsked_thenItListsThem() {
    Run imports = Cli.run("import", "--help");
    Run follow = Cli.run("follow", "--help");

    assertThat(imports.exitCode()).isZero();
    assertThat(imports.out()).contains("nato-spending").contains("gdelt").contains("ndjson");
    assertThat(follow.exitCode()).isZero();
    assertThat(follow.out()).contains("gdelt");
  }

  @Test
  void givenTheRawTopicOption_whenNotNamed_thenItsDefaultIsTheContractsRawTopic() {
    String topicDefault =
        io.alliancewatch.importer.cli.Main.commandLine()
            .getSubcommands()
            .get("import")
            .getSubcommands()
            .get("gdelt")
            .getCommandSpec()
            .findOption("--topic")
            .defaultValue();

    assertThat(topicDefault).isEqualTo(io.alliancewatch.contracts.Topics.INDICATORS_RAW.name());
  }
}
