package io.alliancewatch.scoring.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spec's names for the score endpoints: by alliance, every alliance, and the history. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class AllianceEndpointsIT {

  @BeforeAll
  static void topics() throws Exception {
    Viewer.signIn();
    RestAssured.config =
        RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));
    Broker.ensureTopics();
  }

  @Test
  void givenTheAukusExample_whenAskedByAlliancePath_thenTheWorkedValuesAndTheHistoryInOrder()
      throws Exception {
    String alliance = ScoringServiceIT.freshAlliance();
    ScoringServiceIT.publishAukusExample(alliance);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .queryParam("asOf", "2026-03-24T12:00:00Z")
                    .get("/api/alliances/{id}/score", alliance)
                    .then()
                    .statusCode(200)
                    .body("eventCount", equalTo(3))
                    .body("cohesion", closeTo(79.2592, 0.005))
                    .body("risk", closeTo(22.7221, 0.005)));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              // the emitted records in order, the last after all three events (events that
              // shared a commit share a record)
              List<Integer> counts =
                  given()
                      .get("/api/alliances/{id}/history", alliance)
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath()
                      .getList("eventCount", Integer.class);
              assertThat(counts).isNotEmpty().isSorted().doesNotHaveDuplicates();
              assertThat(counts.get(counts.size() - 1)).isEqualTo(3);
            });
    given()
        .queryParam("from", "2000-01-01T00:00:00Z")
        .queryParam("to", "2000-01-02T00:00:00Z")
        .get("/api/alliances/{id}/history", alliance)
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
    given().get("/api/scores").then().statusCode(200).body("allianceId", hasItem(alliance));
  }

  @Test
  void givenAnAllianceRegistered_whenTheRegistryIsAsked_thenItIsThereWithItsName()
      throws Exception {
    String id = "IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    Broker.register(new Alliance(id, "Registry name of " + id, List.of("AUS", "NZL"), 2.0));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/api/alliances")
                    .then()
                    .statusCode(200)
                    .body("find { it.id == '" + id + "' }.name", equalTo("Registry name of " + id))
                    .body("find { it.id == '" + id + "' }.members", contains("AUS", "NZL"))
                    .body("find { it.id == '" + id + "' }.guidelinePctGdp", equalTo(2.0)));
    List<String> ids = given().get("/api/alliances").then().extract().jsonPath().getList("id");
    assertThat(ids).isSorted();
  }

  @Test
  void givenThreeRecordsInTheHistory_whenAskedOneAtATime_thenTheLinksWalkThemAllInOrder()
      throws Exception {
    String alliance = ScoringServiceIT.freshAlliance();
    List<IndicatorEvent> events = TestData.aukusExample().subList(0, 3);
    for (int i = 0; i < events.size(); i++) {
      Broker.publish(alliance, events.get(i));
      int counted = i + 1; // each in a commit of its own: a record each
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  given()
                      .get("/api/alliances/{id}/score", alliance)
                      .then()
                      .statusCode(200)
                      .body("eventCount", equalTo(counted)));
    }
    List<String> whole = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              whole.clear();
              whole.addAll(
                  given()
                      .get("/api/alliances/{id}/history", alliance)
                      .then()
                      .statusCode(200)
                      .header("Link", nullValue())
                      .extract()
                      .jsonPath()
                      .getList("asOf", String.class));
              assertThat(whole).hasSize(3);
            });

    List<String> walked = new ArrayList<>();
    String next = "/api/alliances/" + alliance + "/history?limit=1";
    while (next != null) {
      io.restassured.response.Response page = given().urlEncodingEnabled(false).get(next);
      assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
      List<String> asOfs = page.jsonPath().getList("asOf", String.class);
      assertThat(asOfs).hasSize(1);
      walked.addAll(asOfs);
      String link = page.header("Link");
      next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
      assertThat(walked.size()).as("pages").isLessThanOrEqualTo(3);
    }
    assertThat(walked).isEqualTo(whole);

    given()
        .queryParam("limit", 0)
        .get("/api/alliances/{id}/history", alliance)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].pointer", equalTo("/limit"));
  }

  @Test
  void givenAnUnknownAlliance_whenAskedByAlliancePath_then404Problems() {
    given()
        .get("/api/alliances/{id}/score", "NO-SUCH")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .get("/api/alliances/{id}/history", "NO-SUCH")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void givenAMalformedAsOf_whenAskedByAlliancePath_then400() throws Exception {
    String alliance = ScoringServiceIT.freshAlliance();
    await() // the registry is read asynchronously: first the alliance must be known
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> given().get("/api/alliances/{id}/score", alliance).then().statusCode(200));
    given()
        .queryParam("asOf", "yesterday")
        .get("/api/alliances/{id}/score", alliance)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].pointer", equalTo("/asOf"));
    given()
        .queryParam("from", "last week")
        .get("/api/alliances/{id}/history", alliance)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].pointer", equalTo("/from"));
  }

  @Test
  void givenAnUnknownAllianceAndAMalformedAsOf_thenStill404() {
    await() // once the registry can be read (before, the answer is 400 for the asOf alone)
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().get("/api/alliances").then().statusCode(200));
    given()
        .queryParam("asOf", "yesterday")
        .get("/api/alliances/{id}/score", "NO-SUCH")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void givenRequestsTheHttpLayerRefuses_thenEachIsAProblemWithAnEntry() {
    given()
        .post("/api/scores/NATO")
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .body("status", equalTo(405))
        .body("errors[0].pointer", equalTo(""));
    given()
        .get("/api/no-such-endpoint")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404));
    given()
        .accept("application/xml")
        .get("/api/scores")
        .then()
        .statusCode(406)
        .contentType("application/problem+json");
  }

  @Test
  void givenTheOpenApiDocument_thenTheStreamIsInItBesideTheResources() {
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("/api/scores/stream"))
        .body(org.hamcrest.Matchers.containsString("/api/alliances/{allianceId}/history"));
  }
}
