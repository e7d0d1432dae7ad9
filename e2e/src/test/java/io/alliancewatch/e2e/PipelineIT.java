package io.alliancewatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.e2e.system.Feed;
import io.alliancewatch.e2e.system.Http;
import io.alliancewatch.e2e.system.RunningSystem;
import io.alliancewatch.e2e.system.RunningSystemExtension;
import io.alliancewatch.e2e.system.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline from the outside, with the spec's numbers: feeders post to ingest (and run the
 * importer), scoring answers the worked examples of scoring.md, and alert-service turns real score
 * records into signed webhooks. Runs first, on alliances no other test has touched.
 */
@Order(1)
@ExtendWith(RunningSystemExtension.class)
class PipelineIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void shouldScoreExampleFourFromEventsPostedToIngest(RunningSystem system) {
    // given the four events of scoring.md example 4, the last a duplicate of the second
    String events =
        "["
            + event("a1", "POLITICAL_TENSION", "AUS", 0.6, 0.9, "2026-03-01T00:00:00Z")
                .put("counterpart", "USA")
            + ","
            + event("a2", "CYBER_INCIDENT", "GBR", 0.8, 1, "2026-03-10T12:00:00Z")
            + ","
            + event("a3", "JOINT_EXERCISE", "AUS", 0.5, 1, "2026-03-05T00:00:00Z")
            + ","
            + event("a2", "CYBER_INCIDENT", "GBR", 0.8, 1, "2026-03-10T12:00:00Z")
            + "]";

    // when they are posted to ingest
    Http.Answer posted = Http.postJson(system.ingest().url("/api/indicators"), events);
    assertThat(posted.status()).as(posted.toString()).isEqualTo(202);

    // then scoring answers the example's three rows at their asOf
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(score(system, "AUKUS", null).path("eventCount").asLong()).isEqualTo(3));
    assertScores(score(system, "AUKUS", "2026-03-10T12:00:00Z"), 78.6962, 25.5940);
    JsonNode later = score(system, "AUKUS", "2026-03-24T12:00:00Z");
    assertScores(later, 79.2592, 22.7221);
    assertThat(later.path("contributions").path("risk").path("CYBER_INCIDENT").asDouble())
        .isCloseTo(0.14, within(0.0001));
    assertScores(score(system, "AUKUS", "2026-06-01T00:00:00Z"), 80.1659, 19.9958);
  }

  @Test
  void shouldScoreNatoAsExampleTwoAfterTheImporterAndChangeNothingOnASecondImport(
      RunningSystem system) throws Exception {
    Path csv = root().resolve("importer/src/main/resources/reference/nato-defence-expenditure.csv");

    // when the NATO spending table is imported through ingest
    Imported first = importNato(system, csv);
    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output()).containsPattern("events sent:\\s+62");

    // then NATO scores as scoring.md example 2 (both years: the 2024 values win)
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(score(system, "NATO", null).path("eventCount").asLong()).isEqualTo(62));
    JsonNode nato = score(system, "NATO", null);
    assertScores(nato, 77.5087, 21.2227);
    assertThat(nato.path("spendingShortfall").asDouble()).isCloseTo(0.07452, within(0.0001));
    assertThat(nato.path("membersBelowGuideline").findValuesAsText("country"))
        .containsExactly("BEL", "CAN", "ESP", "HRV", "ITA", "LUX", "PRT", "SVN");
    assertThat(nato.path("membersNotReporting").toString()).isEqualTo("[\"ISL\"]");

    // and importing the same file again changes no score
    Imported second = importNato(system, csv);
    assertThat(second.exitCode()).as(second.output()).isZero();
    Instant asOf = Instant.parse(nato.path("asOf").asText());
    JsonNode again = score(system, "NATO", asOf.toString());
    assertThat(again.path("eventCount").asLong()).isEqualTo(62);
    assertThat(again.path("cohesion").asDouble()).isEqualTo(nato.path("cohesion").asDouble());
    assertThat(again.path("risk").asDouble()).isEqualTo(nato.path("risk").asDouble());
  }

  @Test
  void shouldNotifyASubscriberBySignedWebhooksFromRealScores(RunningSystem system)
      throws Exception {
    // given an alliance of its own, so that no other test moves its scores
    String alliance = Feed.newAlliance(system, "E2E");

    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Http.Answer subscription =
          Http.postJson(
              system.alerts().url("/api/subscriptions"),
              "{\"name\":\"cohesion watch\",\"alliances\":[\""
                  + alliance
                  + "\"],"
                  + "\"metric\":\"cohesion\",\"condition\":\"below\",\"threshold\":70,"
                  + "\"recoveryThreshold\":75,\"webhook\":{\"url\":\""
                  + receiver.url()
                  + "\"}}");
      assertThat(subscription.status()).as(subscription.toString()).isEqualTo(201);
      String secret = subscription.json().path("webhook").path("secret").asText();
      assertThat(secret).startsWith("whsec_");

      // when tensions pull the alliance apart (cohesion about 35)
      String now = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
      StringBuilder tensions = new StringBuilder("[");
      for (int i = 0; i < 5; i++) {
        tensions
            .append(i == 0 ? "" : ",")
            .append(
                event("t" + i, "POLITICAL_TENSION", "FRA", 1, 1, now).put("allianceId", alliance));
      }
      assertThat(Http.postJson(system.ingest().url("/api/indicators"), tensions + "]").status())
          .isEqualTo(202);

      // then one "firing" arrives, signed so that an independent verifier accepts it
      await().atMost(PATIENCE).until(() -> receiver.deliveries().size() >= 1);
      WebhookReceiver.Delivery firing = receiver.deliveries().get(0);
      JsonNode firingBody = Http.JSON.readTree(firing.body());
      assertThat(firingBody.path("status").asText()).isEqualTo("firing");
      assertThat(firingBody.path("allianceId").asText()).isEqualTo(alliance);
      assertThat(firingBody.path("value").asDouble()).isLessThan(70);
      assertThat(firing.verifiesWith(secret)).isTrue();
      assertThat(firing.tampered().verifiesWith(secret)).isFalse();

      // when exercises bind it again (cohesion back to about 80)
      StringBuilder exercises = new StringBuilder("[");
      for (int i = 0; i < 10; i++) {
        exercises
            .append(i == 0 ? "" : ",")
            .append(event("x" + i, "JOINT_EXERCISE", "DEU", 1, 1, now).put("allianceId", alliance));
      }
      assertThat(Http.postJson(system.ingest().url("/api/indicators"), exercises + "]").status())
          .isEqualTo(202);

      // then the same alert resolves, once
      await().atMost(PATIENCE).until(() -> receiver.deliveries().size() >= 2);
      JsonNode resolved = Http.JSON.readTree(receiver.deliveries().get(1).body());
      assertThat(resolved.path("status").asText()).isEqualTo("resolved");
      assertThat(resolved.path("alertId").asText()).isEqualTo(firingBody.path("alertId").asText());
      assertThat(resolved.path("value").asDouble()).isGreaterThanOrEqualTo(75);
      assertThat(receiver.deliveries().get(1).verifiesWith(secret)).isTrue();
      assertThat(receiver.deliveries()).hasSize(2);
    }
  }

  private static ObjectNode event(
      String id, String type, String country, double severity, double confidence, String at) {
    ObjectNode event = Http.JSON.createObjectNode();
    event.put("id", id);
    event.put("source", "analyst");
    event.put("type", type);
    event.put("allianceId", "AUKUS");
    event.put("country", country);
    event.put("severity", severity);
    event.put("confidence", confidence);
    event.put("occurredAt", at);
    return event;
  }

  private static JsonNode score(RunningSystem system, String alliance, String asOf) {
    String url =
        system.scoring().url("/api/alliances/" + alliance + "/score")
            + (asOf == null ? "" : "?asOf=" + asOf);
    Http.Answer answer = Http.get(url);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  private static void assertScores(JsonNode record, double cohesion, double risk) {
    assertThat(record.path("cohesion").asDouble()).as("cohesion").isCloseTo(cohesion, within(0.01));
    assertThat(record.path("risk").asDouble()).as("risk").isCloseTo(risk, within(0.01));
  }

  private static Path root() {
    return Path.of(System.getProperty("alliancewatch.root", "..")).toAbsolutePath().normalize();
  }

  record Imported(int exitCode, String output) {}

  private static Imported importNato(RunningSystem system, Path csv) throws Exception {
    Path out = Files.createTempFile(system.workDir(), "import-", ".txt");
    Process process =
        new ProcessBuilder(
                "java",
                "-jar",
                root().resolve("importer/target/alliance-watch-importer.jar").toString(),
                "import",
                "nato-spending",
                csv.toString(),
                "--ingest-url",
                system.ingest().url(""),
                "--progress",
                "none",
                "--token",
                system.token("nato-importer", Access.FEEDER, Access.ADMIN))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the importer did not finish: " + Files.readString(out));
    }
    return new Imported(process.exitValue(), Files.readString(out));
  }
}
