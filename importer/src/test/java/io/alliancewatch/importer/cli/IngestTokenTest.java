package io.alliancewatch.importer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.importer.testing.Cli;
import io.alliancewatch.importer.testing.Cli.Run;
import io.alliancewatch.importer.testing.FakeIngest;
import io.alliancewatch.importer.testing.Mapped;
import io.alliancewatch.importer.testing.Resources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every request to ingest carries the token; ingest's 401 and 403 stop the run at once. */
class IngestTokenTest {

  static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJmZWVkZXIifQ.c2lnbmF0dXJl";

  @TempDir Path dir;

  private final FakeIngest ingest = new FakeIngest(Mapped.bundledAlliances());

  @AfterEach
  void stop() {
    ingest.close();
  }

  private static String event(String id, String source) {
    return "{\"id\":\""
        + id
        + "\",\"source\":\""
        + source
        + "\",\"type\":\"JOINT_EXERCISE\",\"country\":\"AUS\",\"severity\":0.5,"
        + "\"occurredAt\":\"2026-03-05T00:00:00Z\"}";
  }

  private Path ndjson(String... lines) throws Exception {
    Path file = dir.resolve("events.ndjson");
    Files.writeString(file, String.join("\n", lines) + "\n");
    return file;
  }

  private Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--ingest-url",
            ingest.url().toString(),
            "--progress",
            "none",
            "--retry-wait",
            "1ms",
            "--max-retries",
            "8"));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void givenATokenOption_whenNdjsonIsImported_thenTheRegistryGetAndEveryPostCarryTheBearer()
      throws Exception {
    ingest.requireToken(TOKEN);
    Path file = ndjson(event("t1", "analyst"), event("t2", "analyst"));

    Run run = cli("import", "ndjson", file.toString(), "--batch-size", "1", "--token", TOKEN);

    assertThat(run.exitCode()).isZero();
    assertThat(ingest.authorizations())
        .containsExactly(
            "GET /api/alliances Bearer " + TOKEN,
            "POST /api/indicators Bearer " + TOKEN,
            "POST /api/indicators Bearer " + TOKEN);
    assertThat(ingest.written()).hasSize(2);
  }

  @Test
  void givenTheTokenInTheEnvironment_whenTheJarRunsAnImport_thenItIsSentAsTheBearer()
      throws Exception {
    ingest.requireToken(TOKEN);
    Path file = ndjson(event("e1", "analyst"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "import",
                "ndjson",
                file.toString(),
                "--ingest-url",
                ingest.url().toString(),
                "--progress",
                "none",
                "--json")
            .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().put("ALLIANCE_WATCH_TOKEN", TOKEN);

    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    assertThat(Json.mapper().readTree(out).path("rowsRefused").asLong()).isZero();
    assertThat(ingest.written()).hasSize(1);
    assertThat(ingest.authorizations())
        .containsExactly(
            "GET /api/alliances Bearer " + TOKEN, "POST /api/indicators Bearer " + TOKEN);
  }

  @Test
  void givenNoToken_whenIngestAnswers401_thenItStopsAtOnceWithExit4AndSaysHowToMakeOne() {
    ingest.requireToken(TOKEN);
    Path csv = Resources.copy("/nato/nato-defence-expenditure.csv", dir);

    Run run = cli("import", "nato-spending", csv.toString());

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(ingest.authorizations()).as("not retried").containsExactly("GET /api/alliances -");
    assertThat(ingest.bodies()).isEmpty();
    assertThat(run.err())
        .contains("ingest needs a token (401)")
        .contains("./alliance-watch token --role feeder --source nato-dex")
        .contains("ALLIANCE_WATCH_TOKEN");
    assertThat(run.out()).contains("stopped early: ").contains("answered 401 (no token given)");
  }

  @Test
  void givenATokenIngestDoesNotTrust_whenPosting_thenOneRequestExit4AndTheLinesNotDelivered() {
    ingest.requireToken("another");
    Path csv = Resources.copy("/nato/nato-defence-expenditure.csv", dir);

    Run run =
        cli("import", "nato-spending", csv.toString(), "--alliances", "bundled", "--token", TOKEN);

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(ingest.refusedForAccess()).isEqualTo(1);
    assertThat(ingest.written()).isEmpty();
    assertThat(run.err())
        .contains("ingest refused the token (401): it has expired")
        .contains("--source nato-dex");
    assertThat(run.out())
        .contains("rows refused:  62 (62 events)")
        .contains("not delivered: POST " + ingest.url() + "/api/indicators answered 401");
  }

  @Test
  void givenATokenWithoutTheFeederRole_whenPosting_thenExit4SayingWhatRoleIsNeeded()
      throws Exception {
    ingest.forbidEverything();
    Path file = ndjson(event("f1", "analyst"));

    Run run = cli("import", "ndjson", file.toString(), "--alliances", "bundled", "--token", TOKEN);

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(ingest.refusedForAccess()).isEqualTo(1);
    assertThat(run.err())
        .contains("may not post these indicators (403)")
        .contains("feeder role")
        .contains("--source SRC");
  }

  @Test
  void givenATokenWithoutRightsOnTheRegistry_whenMapping_thenExit4SuggestingBundled() {
    ingest.forbidEverything();
    Path csv = Resources.copy("/nato/nato-defence-expenditure.csv", dir);

    Run run = cli("import", "nato-spending", csv.toString(), "--token", TOKEN);

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(ingest.authorizations()).containsExactly("GET /api/alliances Bearer " + TOKEN);
    assertThat(run.err())
        .contains("may not read ingest's registry (403)")
        .contains("viewer or feeder")
        .contains("--alliances bundled");
  }

  @Test
  void givenALineWhoseSourceTheTokenDoesNotAllow_whenImported_thenItIsARefusedLineAtSource()
      throws Exception {
    ingest.allowOnlySources("analyst");
    Path file = ndjson(event("s1", "analyst"), event("s2", "gdelt"), event("s3", "analyst"));

    Run run = cli("import", "ndjson", file.toString(), "--token", TOKEN, "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode report = Json.mapper().readTree(run.out().getBytes(StandardCharsets.UTF_8));
    assertThat(report.path("refused")).hasSize(1);
    assertThat(report.path("refused").get(0).path("line").asLong()).isEqualTo(2);
    assertThat(report.path("refused").get(0).path("pointer").asText()).isEqualTo("/source");
    assertThat(report.path("refused").get(0).path("message").asText()).contains("'gdelt'");
    assertThat(ingest.written()).hasSize(2);
  }

  @Test
  void givenTheRawTopicOrADryRun_whenRun_thenNoTokenIsAskedFor() {
    ingest.requireToken(TOKEN);
    Path csv = Resources.copy("/nato/nato-defence-expenditure.csv", dir);

    Run run = cli("import", "nato-spending", csv.toString(), "--dry-run");

    assertThat(run.exitCode()).isZero();
    assertThat(ingest.authorizations()).isEmpty();
    assertThat(run.out()).contains("events sent:   62");
  }
}
