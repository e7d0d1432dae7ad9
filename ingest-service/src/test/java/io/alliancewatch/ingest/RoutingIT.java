package io.alliancewatch.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accepted events land on alliance.indicators once per alliance, keyed by alliance. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class RoutingIT {

  private static final String INDICATORS = "alliance.indicators";

  @BeforeEach
  void ready() {
    Readiness.awaitReady();
  }

  /** A refused PUT changed nothing: NATO is still as seeded. */
  private static void assertNatoUnchanged() {
    given()
        .when()
        .get("/api/alliances/NATO")
        .then()
        .statusCode(200)
        .body("name", equalTo("North Atlantic Treaty Organization"));
  }

  @Test
  void shouldRouteAUsaEventWithoutAllianceToEachOfItsFourAlliances() throws Exception {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    ObjectNode event = Events.tension("USA");

    given()
        .contentType("application/json")
        .body(event.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(202)
        .body("accepted[0].id", equalTo(event.get("id").textValue()))
        .body("accepted[0].alliances", contains("ANZUS", "AUKUS", "NATO", "QUAD"));

    List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.recordsAfter(INDICATORS, before, 4);
    assertThat(records).hasSize(4);
    assertThat(records)
        .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder("NATO", "AUKUS", "QUAD", "ANZUS");
    for (ConsumerRecord<byte[], byte[]> record : records) {
      JsonNode written = Json.mapper().readTree(record.value());
      assertThat(written.get("allianceId").textValue())
          .isEqualTo(new String(record.key(), StandardCharsets.UTF_8));
      assertThat(written.get("id").textValue()).isEqualTo(event.get("id").textValue());
      assertThat(written.get("occurredAt").textValue())
          .isEqualTo(event.get("occurredAt").textValue());
      assertThat(written.has("ingestedAt")).isTrue();
    }
  }

  @Test
  void shouldWriteAnArrayOfValidEventsAndKeepTheInstantsAsSent() throws Exception {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    ObjectNode first = Events.tension("DEU", "NATO").put("occurredAt", "2026-03-10T12:00:00.123Z");
    ObjectNode second = Events.spending("BEL", 1.3);

    given()
        .contentType("application/json")
        .body("[" + first + "," + second + "]")
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(202)
        .body("accepted.size()", equalTo(2));

    List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.recordsAfter(INDICATORS, before, 2);
    assertThat(records).hasSize(2);
    JsonNode written =
        Json.mapper()
            .readTree(
                records.stream()
                    .filter(
                        r ->
                            new String(r.value(), StandardCharsets.UTF_8)
                                .contains("POLITICAL_TENSION"))
                    .findFirst()
                    .orElseThrow()
                    .value());
    assertThat(written.get("occurredAt").textValue()).isEqualTo("2026-03-10T12:00:00.123Z");
  }

  @Test
  void shouldAcceptAndRouteEventsOfANewMemberAfterPut() {
    ObjectNode event = Events.tension("UKR", "NATO");
    given()
        .contentType("application/json")
        .body(event.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/country"));

    JsonNode nato =
        Json.mapper()
            .valueToTree(
                given()
                    .when()
                    .get("/api/alliances/NATO")
                    .then()
                    .statusCode(200)
                    .extract()
                    .as(Map.class));
    ObjectNode changed = ((ObjectNode) nato).deepCopy();
    changed.withArray("members").add("UKR");
    given()
        .contentType("application/json")
        .body(changed.toString())
        .when()
        .put("/api/alliances/NATO")
        .then()
        .statusCode(200)
        .body("members", hasItem("UKR"));

    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    given()
        .contentType("application/json")
        .body(Events.tension("UKR").toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(202)
        .body("accepted[0].alliances", contains("NATO"));
    assertThat(KafkaTopics.recordsAfter(INDICATORS, before, 1)).hasSize(1);

    // leave the registry as the other tests expect it
    given()
        .contentType("application/json")
        .body(nato.toString())
        .put("/api/alliances/NATO")
        .then()
        .statusCode(200);
  }

  @Test
  void shouldRefuseABadAllianceWithPointersAndChangeNothing() {
    given()
        .contentType("application/json")
        .body("{\"name\":\"\",\"members\":[\"XXX\"],\"guidelinePctGdp\":-1,\"colour\":\"red\"}")
        .when()
        .put("/api/alliances/NATO")
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/members/0"))
        .body("errors.pointer", hasItem("/name"))
        .body("errors.pointer", hasItem("/guidelinePctGdp"))
        .body("errors.pointer", hasItem("/colour"));

    assertNatoUnchanged();
  }

  @Test
  void givenEachAllianceOfTheSharedReferenceFile_whenPutAsItIs_thenAcceptedWithItsDescription()
      throws Exception {
    // shared/data/alliances.json (bundled as the seed) has founded and notes beside the registry's
    // fields: an object of that file is a valid PUT, and what it describes is kept
    JsonNode file = Json.mapper().readTree(getClass().getResourceAsStream("/data/alliances.json"));
    for (JsonNode alliance : file.get("alliances")) {
      String id = alliance.get("id").asText();
      given()
          .contentType("application/json")
          .body(alliance.toString())
          .when()
          .put("/api/alliances/" + id)
          .then()
          .statusCode(200)
          .body("founded", equalTo(alliance.get("founded").asText()))
          .body("members.size()", equalTo(alliance.get("members").size()));
    }
    given()
        .when()
        .get("/api/alliances/NATO")
        .then()
        .statusCode(200)
        .body("founded", equalTo("1949-04-04"))
        .body("notes", org.hamcrest.Matchers.startsWith("Guideline: 2% of GDP"));
  }

  @Test
  void givenAnAllianceSentAsTextOrWithABadFoundedDate_thenRefusedAndNothingChanged() {
    given()
        .contentType("text/plain")
        .body("{\"name\":\"x\",\"members\":[\"DEU\"]}")
        .when()
        .put("/api/alliances/NATO")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("errors[0].pointer", equalTo(""));
    given()
        .contentType("application/json")
        .body("{\"name\":\"x\",\"members\":[\"DEU\"],\"founded\":\"1949\",\"notes\":7}")
        .when()
        .put("/api/alliances/NATO")
        .then()
        .statusCode(422)
        .body("errors.pointer", contains("/founded", "/notes"));
    assertNatoUnchanged();
  }

  @Test
  void shouldCarryTheTraceOfTheRequestIntoTheKafkaHeaders() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    given()
        .contentType("application/json")
        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
        .body(Events.tension("CAN", "NATO").toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(202);

    ConsumerRecord<byte[], byte[]> record = KafkaTopics.recordsAfter(INDICATORS, before, 1).get(0);
    assertThat(record.headers().lastHeader("traceparent")).isNotNull();
    assertThat(
            new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
        .contains(traceId);
  }

  @Test
  void shouldListTheFiveSeededAlliances() {
    given()
        .when()
        .get("/api/alliances")
        .then()
        .statusCode(200)
        .body("id", org.hamcrest.Matchers.hasItems("NATO", "AUKUS", "QUAD", "ANZUS", "CSTO"))
        .body("find { it.id == 'AUKUS' }.guidelinePctGdp", equalTo(null));
  }
}
