package io.alliancewatch.scoring.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.kafka.KafkaTestResource;
import io.alliancewatch.scoring.testdata.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service against a real broker: indicators written as ingest writes them, scores read back.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class ScoringServiceIT {

  @BeforeAll
  static void topics() throws Exception {
    Viewer.signIn();
    RestAssured.config =
        RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    Broker.ensureTopics();
  }

  /** A fresh alliance with AUKUS's members, so tests sharing the broker never see each other. */
  static String freshAlliance() throws Exception {
    String id = "IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    Broker.register(new Alliance(id, "test alliance", List.of("AUS", "GBR", "USA"), null));
    return id;
  }

  static void publishAukusExample(String allianceId) throws Exception {
    for (IndicatorEvent event : TestData.aukusExample()) {
      Broker.publish(allianceId, event);
    }
  }

  @Test
  void givenTheAukusExampleOnTheIndicatorsTopic_whenAskedAtEachAsOf_thenTheWorkedValues()
      throws Exception {
    String alliance = freshAlliance();
    publishAukusExample(alliance);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .queryParam("asOf", "2026-03-10T12:00:00Z")
                    .get("/api/scores/{id}", alliance)
                    .then()
                    .statusCode(200)
                    .body("eventCount", equalTo(3))
                    .body("cohesion", closeTo(78.6962, 0.005))
                    .body("risk", closeTo(25.5940, 0.005))
                    .body("referenceTime", equalTo("2026-03-10T12:00:00Z"))
                    .body("modelVersion", equalTo("2026.1")));
    given()
        .queryParam("asOf", "2026-03-24T12:00:00Z")
        .get("/api/scores/{id}", alliance)
        .then()
        .statusCode(200)
        .body("cohesion", closeTo(79.2592, 0.005))
        .body("risk", closeTo(22.7221, 0.005))
        .body("contributions.risk.CYBER_INCIDENT", closeTo(0.14, 0.00001));
    given()
        .queryParam("asOf", "2026-06-01T02:00:00+02:00")
        .get("/api/scores/{id}", alliance)
        .then()
        .statusCode(200)
        .body("asOf", equalTo("2026-06-01T00:00:00Z"))
        .body("cohesion", closeTo(80.1659, 0.005))
        .body("risk", closeTo(19.9958, 0.005));
  }

  @Test
  void givenCountedEvents_whenReadFromTheScoresTopic_thenAtMostOneRecordPerCommitInOrder()
      throws Exception {
    String alliance = freshAlliance();
    publishAukusExample(alliance);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              List<ScoreRecord> so = Broker.scoresOf(alliance);
              return !so.isEmpty() && so.get(so.size() - 1).eventCount() == 3;
            });
    List<ScoreRecord> records = Broker.scoresOf(alliance);

    // each record the state after the events of its commit: counts only grow, none repeated, and
    // at most one record per counted event (fewer when events share a commit)
    assertThat(records).hasSizeBetween(1, 3);
    assertThat(records).extracting(ScoreRecord::eventCount).isSorted().doesNotHaveDuplicates();
    ScoreRecord last = records.get(records.size() - 1);
    assertThat(last.referenceTime()).hasToString("2026-03-10T12:00:00Z");
    // emitted at max(R, now): the wall clock is past March 2026, so each record is as of "now"
    assertThat(last.asOf()).isAfter(last.referenceTime());
    assertThat(last.cohesion()).isGreaterThan(79.9).isLessThan(80.2);
  }

  @Test
  void givenAnAsOfBeforeTheLatestEvent_whenAsked_then400ProblemNamingTheReferenceTime()
      throws Exception {
    String alliance = freshAlliance();
    publishAukusExample(alliance);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/api/scores/{id}", alliance)
                    .then()
                    .statusCode(200)
                    .body("eventCount", equalTo(3)));

    given()
        .queryParam("asOf", "2026-03-10T11:00:00Z")
        .get("/api/scores/{id}", alliance)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("detail", containsString("2026-03-10T12:00:00Z"))
        .body("errors[0].pointer", equalTo("/asOf"));
  }

  @Test
  void givenAMalformedAsOf_whenAsked_then400Problem() throws Exception {
    String alliance = freshAlliance();
    for (String malformed :
        List.of("yesterday", "2026-03-10", "2026-03-10T12:00:00", "20260310T120000Z")) {
      given()
          .queryParam("asOf", malformed)
          .get("/api/scores/{id}", alliance)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("title", equalTo("Invalid asOf"));
    }
  }

  @Test
  void givenAnAllianceTheRegistryDoesNotKnow_whenAsked_then404EvenWithEvents() throws Exception {
    Broker.publish("NOT-REGISTERED", TestData.aukusExample().get(0));

    given()
        .get("/api/scores/{id}", "NOT-REGISTERED")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given().get("/api/scores/{id}", "aukus").then().statusCode(404);
  }

  @Test
  void givenARegisteredAllianceWithoutEvents_whenAsked_then200With80And20() throws Exception {
    String alliance = freshAlliance();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .queryParam("asOf", "2026-03-10T12:00:00Z")
                    .get("/api/scores/{id}", alliance)
                    .then()
                    .statusCode(200)
                    .body("cohesion", closeTo(80.0, 1e-9))
                    .body("risk", closeTo(20.0, 1e-9))
                    .body("eventCount", equalTo(0))
                    .body("referenceTime", equalTo(null))
                    .body("asOf", equalTo("2026-03-10T12:00:00Z"))
                    .body("membersNotReporting", hasSize(3))
                    .body("contributions.cohesion.size()", equalTo(9))
                    .body("contributions.risk.size()", equalTo(8)));
  }

  @Test
  void givenNatoSpendingOfBothYears_whenAsked_thenExample2() throws Exception {
    String alliance = "IT-NATO-" + UUID.randomUUID().toString().substring(0, 6);
    Alliance nato = TestData.alliances().get("NATO");
    Broker.register(new Alliance(alliance, nato.name(), nato.members(), 2.0));
    for (IndicatorEvent event : TestData.natoSpending(2024)) {
      Broker.publish(alliance, event);
    }
    for (IndicatorEvent event : TestData.natoSpending(2014)) {
      Broker.publish(alliance, event);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ScoreRecord record =
                  given()
                      .queryParam("asOf", "2025-01-01T00:00:00Z")
                      .get("/api/scores/{id}", alliance)
                      .then()
                      .statusCode(200)
                      .extract()
                      .as(ScoreRecord.class);
              assertThat(record.eventCount()).isEqualTo(62);
              assertThat(record.cohesion()).isCloseTo(77.5087, within(0.005));
              assertThat(record.risk()).isCloseTo(21.2227, within(0.005));
              assertThat(record.membersNotReporting()).containsExactly("ISL");
            });
  }

  @Test
  void givenTheMetricsEndpoint_thenDuplicatesAndEmissionsAreCounted() throws Exception {
    String alliance = freshAlliance();
    publishAukusExample(alliance);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(
                        containsString(
                            "scoring_events_total{alliance=\""
                                + alliance
                                + "\",outcome=\"duplicate\"} 1.0"))
                    .body(
                        containsString(
                            "scoring_events_total{alliance=\""
                                + alliance
                                + "\",outcome=\"counted\"} 3.0")));
  }

  @Test
  void givenTheMetricsEndpoint_thenTheLagOfKafkaStreamsAndOfTheScoreFeedIsExposed() {
    // Kafka Streams' consumer (bound by Quarkus' Kafka binder) and the score feed's (bound by the
    // feed); a client's meters are re-bound on Micrometer's refresh, hence the patience
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(labels("kafka_consumer_fetch_manager_records_lag_max"))
                    .anyMatch(l -> l.matches(".*client_id=\"[^\"]*-StreamThread-\\d+-consumer\".*"))
                    .anyMatch(l -> l.contains("client_id=\"scoring-score-feed\"")));
  }

  /** The label sets of every sample of {@code name} at /q/metrics ({@code NaN} values included). */
  private static List<String> labels(String name) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher matcher =
        Pattern.compile(
                "^" + name + "\\{([^}]*)\\} (?:[0-9.Ee+-]+|NaN)(?: #.*)?$", Pattern.MULTILINE)
            .matcher(body);
    List<String> labels = new ArrayList<>();
    while (matcher.find()) {
      labels.add(matcher.group(1));
    }
    return labels;
  }

  @Test
  void givenTheServiceRunning_thenItIsReadyOnceItsKafkaStreamsRuns() {
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> given().get("/q/health/ready").statusCode() == 200);
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'scoring-streams' }.data.state", equalTo("RUNNING"));
  }
}
