package io.alliancewatch.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CloudEvents 1.0 in its three HTTP modes, with type io.alliancewatch.indicator.v1 only. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class CloudEventsIT {

  private static final String INDICATORS = "alliance.indicators";

  @BeforeEach
  void ready() {
    Readiness.awaitReady();
  }

  static ObjectNode cloudEvent(ObjectNode indicator) {
    ObjectNode event = Json.mapper().createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", UUID.randomUUID().toString());
    event.put("source", "/feeders/analyst");
    event.put("type", "io.alliancewatch.indicator.v1");
    event.put("datacontenttype", "application/json");
    event.put("time", "2026-03-01T00:00:00Z");
    event.set("data", indicator);
    return event;
  }

  @Test
  void shouldAcceptAStructuredCloudEvent() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    given()
        .contentType("application/cloudevents+json")
        .body(cloudEvent(Events.tension("GBR", "AUKUS")).toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(202)
        .body("accepted[0].alliances[0]", equalTo("AUKUS"));
    assertThat(KafkaTopics.recordsAfter(INDICATORS, before, 1)).hasSize(1);
  }

  @Test
  void shouldAcceptABatchOfCloudEvents() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    ArrayNode batch = Json.mapper().createArrayNode();
    batch.add(cloudEvent(Events.tension("GBR", "AUKUS")));
    batch.add(cloudEvent(Events.tension("JPN", "QUAD")));
    given()
        .contentType("application/cloudevents-batch+json")
        .body(batch.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(202)
        .body("accepted.size()", equalTo(2));
    assertThat(KafkaTopics.recordsAfter(INDICATORS, before, 2)).hasSize(2);
  }

  @Test
  void givenAStructuredEventWithAStrayCeSpecversionHeader_thenTheContentTypeDecides() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    given()
        .contentType("application/cloudevents+json")
        .header("ce-specversion", "1.0")
        .body(cloudEvent(Events.tension("GBR", "AUKUS")).toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(202)
        .body("accepted.size()", equalTo(1));
    assertThat(KafkaTopics.recordsAfter(INDICATORS, before, 1)).hasSize(1);
  }

  @Test
  void shouldAcceptABinaryCloudEvent() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    given()
        .contentType("application/json")
        .header("ce-specversion", "1.0")
        .header("ce-id", UUID.randomUUID().toString())
        .header("ce-source", "/feeders/analyst")
        .header("ce-type", "io.alliancewatch.indicator.v1")
        .body(Events.tension("NZL", "ANZUS").toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(202)
        .body("accepted[0].alliances[0]", equalTo("ANZUS"));
    assertThat(KafkaTopics.recordsAfter(INDICATORS, before, 1)).hasSize(1);
  }

  @Test
  void shouldRefuseACloudEventOfAnotherType() {
    long before = KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS));
    ObjectNode event = cloudEvent(Events.tension("GBR", "AUKUS"));
    event.put("type", "com.example.other");
    given()
        .contentType("application/cloudevents+json")
        .body(event.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/type"));
    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(before);
  }

  @Test
  void shouldRefuseAWholeBatchWhenOneIndicatorIsInvalid() {
    long before = KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS));
    ArrayNode batch = Json.mapper().createArrayNode();
    batch.add(cloudEvent(Events.tension("GBR", "AUKUS")));
    batch.add(cloudEvent(Events.tension("JPN", "QUAD").put("severity", 9)));
    given()
        .contentType("application/cloudevents-batch+json")
        .body(batch.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/1/data/severity"));
    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(before);
  }

  @Test
  void shouldRefuseSpecVersion03() {
    ObjectNode event = cloudEvent(Events.tension("GBR", "AUKUS"));
    event.put("specversion", "0.3");
    given()
        .contentType("application/cloudevents+json")
        .body(event.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/specversion"));
  }

  @Test
  void shouldRefuseAnExtensionAttributeThatIsAnObjectOrAnArray() {
    long before = KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS));
    ObjectNode object = cloudEvent(Events.tension("GBR", "AUKUS"));
    object.putObject("myext").put("a", 1);
    ObjectNode array = cloudEvent(Events.tension("GBR", "AUKUS"));
    array.putArray("myext").add(1);
    ObjectNode fraction = cloudEvent(Events.tension("GBR", "AUKUS"));
    fraction.put("myext", 1.5);
    for (ObjectNode event : java.util.List.of(object, array, fraction)) {
      given()
          .contentType("application/cloudevents+json")
          .body(event.toString())
          .when()
          .post("/api/indicators")
          .then()
          .statusCode(422)
          .body("errors.pointer", equalTo(java.util.List.of("/myext")))
          .body("errors[0].message", org.hamcrest.Matchers.containsString("string, a boolean"));
    }
    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(before);
  }

  @Test
  void shouldAcceptExtensionAttributesOfCloudEventsTypes() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    ObjectNode event = cloudEvent(Events.tension("GBR", "AUKUS"));
    event.put("mytext", "x").put("mycount", 7).put("myflag", true).putNull("myunset");
    given()
        .contentType("application/cloudevents+json")
        .body(event.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(202);
    assertThat(KafkaTopics.recordsAfter(INDICATORS, before, 1)).hasSize(1);
  }

  @Test
  void shouldPointAtAnAttributeNamedWithASlashAsRfc6901WritesIt() {
    ObjectNode event = cloudEvent(Events.tension("GBR", "AUKUS"));
    event.put("a/b", "x");
    given()
        .contentType("application/cloudevents+json")
        .body(event.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(422)
        .body("errors.pointer", equalTo(java.util.List.of("/a~1b")));
  }
}
