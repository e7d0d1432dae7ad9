package io.alliancewatch.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.support.Api;
import io.alliancewatch.alert.support.TestKafka;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscriptions API: what is stored, what is refused, and that a refusal stores nothing. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class SubscriptionApiIT {

  @BeforeAll
  static void signIn() {
    Api.signInAsAdmin();
  }

  @Inject RegistryView registry;
  private String alliance;

  @BeforeEach
  void registerAlliance() {
    alliance = TestKafka.knownAlliance(registry, "API");
  }

  private Map<String, Object> valid() {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "NATO risk");
    body.put("alliances", List.of(alliance));
    body.put("metric", "risk");
    body.put("condition", "above");
    body.put("threshold", 60);
    body.put("webhook", Map.of("url", "http://127.0.0.1:9/hook"));
    return body;
  }

  /** Creates a valid subscription and gives its id. */
  private String createValid() {
    return given()
        .contentType(ContentType.JSON)
        .body(valid())
        .post("/api/subscriptions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void givenAValidSubscription_whenCreated_thenTheSecretIsShownOnceAndTheRestIsStored() {
    String location =
        given()
            .contentType(ContentType.JSON)
            .body(valid())
            .post("/api/subscriptions")
            .then()
            .statusCode(201)
            .body("webhook.secret", startsWith("whsec_"))
            .body("recoveryThreshold", equalTo(55.0f))
            .body("status", equalTo("active"))
            .extract()
            .header("Location");
    String id = location.substring(location.lastIndexOf('/') + 1);

    given()
        .get("/api/subscriptions/{id}", id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("webhook.url", equalTo("http://127.0.0.1:9/hook"))
        .body("webhook.secret", nullValue());
    given().get("/api/subscriptions").then().statusCode(200).body("id", hasItem(id));
  }

  @Test
  void givenAPut_thenItReplaces_keepsTheSecretUnshown_and404sForAnUnknownId() {
    String id = createValid();
    Map<String, Object> changed = valid();
    changed.put("threshold", 70);

    given()
        .contentType(ContentType.JSON)
        .body(changed)
        .put("/api/subscriptions/{id}", id)
        .then()
        .statusCode(200)
        .body("threshold", equalTo(70.0f))
        .body("recoveryThreshold", equalTo(65.0f))
        .body("webhook.secret", nullValue());
    given()
        .contentType(ContentType.JSON)
        .body(changed)
        .put("/api/subscriptions/{id}", "no-such-id")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given().delete("/api/subscriptions/{id}", id).then().statusCode(204);
    given().get("/api/subscriptions/{id}", id).then().statusCode(404);
  }

  @Test
  void givenPutsInQuickSuccession_thenTheLastOneStaysReadAsTheTopicEchoesTheEarlierOnes() {
    String id = createValid();
    for (int threshold = 61; threshold <= 70; threshold++) {
      Map<String, Object> changed = valid();
      changed.put("threshold", threshold);
      given()
          .contentType(ContentType.JSON)
          .body(changed)
          .put("/api/subscriptions/{id}", id)
          .then()
          .statusCode(200);
    }
    // the topic's reader reads the ten writes back after they were applied: none may undo a later
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(
            () ->
                given()
                        .get("/api/subscriptions/{id}", id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Float>path("threshold")
                    == 70.0f);
    given().delete("/api/subscriptions/{id}", id).then().statusCode(204);
  }

  @Test
  void givenBadSubscriptions_thenEachIsRefusedWithAProblemAtItsPointer_andNothingIsStored() {
    long before = TestKafka.endOffsets(Topics.SUBSCRIPTIONS.name());
    int listed = given().get("/api/subscriptions").then().extract().jsonPath().getList("$").size();
    Map<String, Map<String, Object>> cases = new HashMap<>();
    Map<String, Object> threshold150 = valid();
    threshold150.put("threshold", 150);
    cases.put("/threshold", threshold150);
    Map<String, Object> wrongSide = valid();
    wrongSide.put("recoveryThreshold", 65);
    cases.put("/recoveryThreshold", wrongSide);
    Map<String, Object> ftp = valid();
    ftp.put("webhook", Map.of("url", "ftp://example.org/hook"));
    cases.put("/webhook/url", ftp);
    Map<String, Object> privateAddress = valid();
    privateAddress.put("webhook", Map.of("url", "http://192.168.1.20/hook"));
    cases.put("/webhook/url ", privateAddress);

    cases.forEach(
        (pointer, body) ->
            given()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/subscriptions")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("title", equalTo("Invalid subscription"))
                .body("errors.pointer", equalTo(List.of(pointer.trim())))
                .body(
                    "errors[0].message",
                    org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString())));

    assertThat(TestKafka.endOffsets(Topics.SUBSCRIPTIONS.name())).isEqualTo(before);
    assertThat(given().get("/api/subscriptions").then().extract().jsonPath().getList("$"))
        .hasSize(listed);
  }

  @Test
  void givenMalformedJsonOrAnotherMediaType_thenA400Or415Problem() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\": ")
        .post("/api/subscriptions")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("title", equalTo("Malformed JSON"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\":\"a\",\"name\":\"b\"}")
        .post("/api/subscriptions")
        .then()
        .statusCode(400)
        .body("errors[0].pointer", equalTo("/name")); // edge-cases.md: the pointer at the member
    given()
        .contentType(ContentType.TEXT)
        .body("hello")
        .post("/api/subscriptions")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
  }

  @Test
  void givenQueries_thenAlertsAndActiveAnswer_andBadParametersAreProblems() {
    given().get("/api/alerts/active").then().statusCode(200);
    // an empty value is no filter (the spec's template shows ?alliance=&status=...)
    given()
        .queryParam("alliance", "")
        .queryParam("status", "")
        .queryParam("limit", "")
        .get("/api/alerts")
        .then()
        .statusCode(200);
    given()
        .queryParam("limit", 1001)
        .get("/api/alerts")
        .then()
        .statusCode(400)
        .body("errors.pointer", hasItem("/limit"));
    given()
        .queryParam("status", "pending")
        .get("/api/alerts")
        .then()
        .statusCode(400)
        .body("errors.pointer", hasItem("/status"));
    given().get("/q/health/ready").then().statusCode(200);
    given()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("/api/alerts/stream"));
  }

  @Test
  void givenABodyWithoutAContentType_thenA415ProblemAndNothingIsStored() throws Exception {
    long before = TestKafka.endOffsets(Topics.SUBSCRIPTIONS.name());
    String id = createValid();
    long afterCreate = TestKafka.endOffsets(Topics.SUBSCRIPTIONS.name());
    assertThat(afterCreate).isGreaterThan(before);
    String body = io.alliancewatch.contracts.Json.mapper().writeValueAsString(valid());

    // java.net.http sends no Content-Type unless told (RestAssured always sets one)
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.URI collection =
        java.net.URI.create(
            io.restassured.RestAssured.baseURI
                + ":"
                + io.restassured.RestAssured.port
                + "/api/subscriptions");
    for (java.net.http.HttpRequest request :
        List.of(
            java.net.http.HttpRequest.newBuilder(collection)
                .header("Authorization", "Bearer " + Api.ADMIN)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build(),
            java.net.http.HttpRequest.newBuilder(collection.resolve("subscriptions/" + id))
                .header("Authorization", "Bearer " + Api.ADMIN)
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build())) {
      java.net.http.HttpResponse<String> answer =
          http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(request.method()).isEqualTo(415);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(answer.body()).contains("Content-Type");
    }
    given()
        .contentType("application/octet-stream")
        .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/subscriptions")
        .then()
        .statusCode(415)
        .contentType("application/problem+json");

    assertThat(TestKafka.endOffsets(Topics.SUBSCRIPTIONS.name())).isEqualTo(afterCreate);
  }

  @Test
  void givenAnUnknownFieldWithASlashInItsName_thenItsPointerEscapesTheSlash() {
    Map<String, Object> body = valid();
    body.put("a/b", 1);
    body.put("c~d", 2);
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/subscriptions")
        .then()
        .statusCode(422)
        .body("errors.pointer", org.hamcrest.Matchers.containsInAnyOrder("/a~1b", "/c~0d"));
  }
}
