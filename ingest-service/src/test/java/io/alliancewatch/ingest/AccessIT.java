package io.alliancewatch.ingest;

import static io.alliancewatch.issuer.testing.AccessMatrix.CALLERS;
import static io.alliancewatch.issuer.testing.AccessMatrix.as;
import static io.alliancewatch.issuer.testing.AccessMatrix.check;
import static io.alliancewatch.issuer.testing.AccessMatrix.expect;
import static io.alliancewatch.issuer.testing.AccessMatrix.refusals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.issuer.testing.TestTokens;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * security.md for ingest-service: every endpoint against no token, an expired one, a wrong
 * signature, a wrong issuer and each role; every refusal writes nothing; a feeder writes only its
 * own sources, and what it writes carries its {@code sub} in {@code x-feeder}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class AccessIT {

  private static final String INDICATORS = "alliance.indicators";
  private static final String REGISTRY = "alliance.registry";

  @BeforeEach
  void ready() {
    Readiness.awaitReady();
  }

  @Test
  void theReadEndpointsAnswerEveryRoleAndNobodyWithoutAValidToken() {
    check("GET /api/alliances", expect(200, 200, 200, 200), r -> r.get("/api/alliances"));
    check("GET /api/alliances/NATO", expect(200, 200, 200, 200), r -> r.get("/api/alliances/NATO"));
    check("GET /q/metrics", expect(200, 403, 200, 200), r -> r.get("/q/metrics"));
    check("GET /q/openapi", expect(200, 200, 200, 200), r -> r.get("/q/openapi"));
  }

  @Test
  void healthIsOpenToAll() {
    for (String token : CALLERS.values()) {
      as(token).get("/q/health/ready").then().statusCode(200);
      as(token).get("/q/health/live").then().statusCode(200);
    }
  }

  @Test
  void onlyFeedersAndAdminsPostIndicatorsAndEveryRefusalWritesNothing() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    Map<String, Integer> refusals = refusals(expect(403, 202, 403, 202));
    for (String entry : List.of("json", "ndjson", "cloudevents")) {
      check(
          "POST /api/indicators (" + entry + ")",
          refusals,
          r -> post(r, entry, Events.tension("DEU", "NATO")));
    }
    assertThat(KafkaTopics.endOffsets(INDICATORS)).as("nothing written").isEqualTo(before);

    check(
        "POST /api/indicators",
        Map.of(Access.FEEDER, 202, Access.ADMIN, 202),
        r -> post(r, "json", Events.tension("DEU", "NATO")));
    assertThat(KafkaTopics.recordsAfter(INDICATORS, before, 2)).hasSize(2);
  }

  @Test
  void onlyAnAdminChangesTheRegistryAndEveryRefusalWritesNothing() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(REGISTRY);
    String body = "{\"name\":\"Access test\",\"members\":[\"DEU\",\"FRA\"]}";
    Map<String, Integer> refusals = refusals(expect(403, 403, 403, 200));
    check(
        "PUT /api/alliances/ACCESS_TEST",
        refusals,
        r -> r.contentType("application/json").body(body).put("/api/alliances/ACCESS_TEST"));
    assertThat(KafkaTopics.endOffsets(REGISTRY)).as("nothing written").isEqualTo(before);
    as(CALLERS.get(Access.ADMIN)).get("/api/alliances/ACCESS_TEST").then().statusCode(404);

    as(TestTokens.forSubject("registrar", Access.ADMIN))
        .contentType("application/json")
        .body(body)
        .put("/api/alliances/ACCESS_TEST")
        .then()
        .statusCode(201);
    ConsumerRecord<byte[], byte[]> change = KafkaTopics.recordsAfter(REGISTRY, before, 1).get(0);
    assertThat(header(change, Access.CHANGED_BY_HEADER)).isEqualTo("registrar");
  }

  @Test
  void aFeederWritesItsOwnSourcesWithItsSubInXFeeder() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    as(TestTokens.feeder("gdelt-bot", "gdelt", "analyst"))
        .contentType("application/json")
        .body(Events.tension("AUS", "ANZUS").toString())
        .post("/api/indicators")
        .then()
        .statusCode(202);
    ConsumerRecord<byte[], byte[]> written = KafkaTopics.recordsAfter(INDICATORS, before, 1).get(0);
    assertThat(header(written, Access.FEEDER_HEADER)).isEqualTo("gdelt-bot");
  }

  @Test
  void aFeederSendingAnotherSourceIsRefusedWholeInJsonAndCloudEventsBatches() {
    String analystOnly = TestTokens.feeder("analyst-desk", "analyst");
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    ArrayNode array = Json.mapper().createArrayNode();
    array.add(Events.tension("DEU", "NATO"));
    array.add(Events.spending("FRA", 1.9)); // source nato-dex
    array.add(Events.tension("FRA", "NATO"));
    as(analystOnly)
        .contentType("application/json")
        .body(array.toString())
        .post("/api/indicators")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"))
        .body("errors.size()", equalTo(1))
        .body("errors[0].pointer", equalTo("/1/source"));

    ArrayNode batch = Json.mapper().createArrayNode();
    batch.add(CloudEventsIT.cloudEvent(Events.spending("DEU", 2.1)));
    batch.add(CloudEventsIT.cloudEvent(Events.tension("DEU", "NATO")));
    as(analystOnly)
        .contentType("application/cloudevents-batch+json")
        .body(batch.toString())
        .post("/api/indicators")
        .then()
        .statusCode(403)
        .body("errors.pointer", equalTo(List.of("/0/data/source")));

    as(analystOnly)
        .contentType("application/cloudevents+json")
        .body(CloudEventsIT.cloudEvent(Events.spending("DEU", 2.1)).toString())
        .post("/api/indicators")
        .then()
        .statusCode(403)
        .body("errors.pointer", equalTo(List.of("/data/source")));
    assertThat(KafkaTopics.endOffsets(INDICATORS)).as("nothing written").isEqualTo(before);
  }

  @Test
  void aFeederSendingAnotherSourceInNdjsonHasThatLineReportedAndTheOthersWritten() {
    String analystOnly = TestTokens.feeder("analyst-desk", "analyst");
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    ObjectNode forbidden = Events.spending("ITA", 1.5);
    String body =
        Events.tension("DEU", "NATO") + "\n" + forbidden + "\n" + Events.tension("ITA", "NATO");
    as(analystOnly)
        .contentType("application/x-ndjson")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post("/api/indicators")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(2))
        .body("rejected", equalTo(1))
        .body("errors[0].line", equalTo(2))
        .body("errors[0].pointer", equalTo("/source"))
        .body("errors.message", hasItem(org.hamcrest.Matchers.containsString("nato-dex")));
    List<ConsumerRecord<byte[], byte[]>> written = KafkaTopics.recordsAfter(INDICATORS, before, 2);
    assertThat(written).hasSize(2);
    assertThat(written)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .noneMatch(value -> value.contains(forbidden.get("id").asText()));
  }

  private static Response post(RequestSpecification request, String entry, ObjectNode event) {
    return switch (entry) {
      case "json" ->
          request.contentType("application/json").body(event.toString()).post("/api/indicators");
      case "ndjson" ->
          request
              .contentType("application/x-ndjson")
              .body((event + "\n").getBytes(StandardCharsets.UTF_8))
              .post("/api/indicators");
      default ->
          request
              .contentType("application/cloudevents+json")
              .body(CloudEventsIT.cloudEvent(event).toString())
              .post("/api/indicators");
    };
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void theOpenApiDocumentRequiresTheBearerTokenOnEveryOperation() {
    io.alliancewatch.issuer.testing.AccessMatrix.assertOpenApiRequiresBearer(java.util.Set.of());
  }

  @Test
  void aTokenThatExpiresIsRefusedFromItsExpiryOnThoughItWasVerifiedBefore() {
    java.time.Instant now = java.time.Instant.now();
    String shortLived =
        TestTokens.issuer()
            .sign(
                "short-lived",
                List.of(Access.VIEWER),
                List.of(),
                now,
                now.plusSeconds(3),
                TestTokens.issuer().issuer());
    as(shortLived).get("/api/alliances").then().statusCode(200); // verified, and remembered
    // refused once exp and the clock skew (mp.jwt.verify.clock.skew, 30 s) have passed
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofSeconds(1))
        .until(() -> as(shortLived).get("/api/alliances").statusCode() == 401);
    // exp is in whole seconds (RFC 7519 NumericDate): the token's own, plus the skew
    assertThat(java.time.Instant.now())
        .isAfterOrEqualTo(java.time.Instant.ofEpochSecond(now.getEpochSecond() + 3 + 30));
  }
}
