package io.alliancewatch.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the indicator contract, one case each: a clear 4xx problem with the exact pointer,
 * and nothing written to Kafka.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class IndicatorValidationIT {

  private static final String INDICATORS = "alliance.indicators";

  @BeforeEach
  void registryIsLoaded() {
    Readiness.awaitReady();
  }

  static Stream<Arguments> invalidEvents() {
    return Stream.of(
        rule("id missing", e -> e.remove("id"), "/id"),
        rule("id empty", e -> e.put("id", ""), "/id"),
        rule("id of 129 chars", e -> e.put("id", "x".repeat(129)), "/id"),
        rule("id not a string", e -> e.put("id", 7), "/id"),
        rule("source missing", e -> e.remove("source"), "/source"),
        rule("source upper case", e -> e.put("source", "Analyst"), "/source"),
        rule("source of 65 chars", e -> e.put("source", "a".repeat(65)), "/source"),
        rule("source with a slash", e -> e.put("source", "a/b"), "/source"),
        rule("type missing", e -> e.remove("type"), "/type"),
        rule("type lower case", e -> e.put("type", "political_tension"), "/type"),
        rule("type unknown", e -> e.put("type", "RUMOUR"), "/type"),
        rule("unknown allianceId", e -> e.put("allianceId", "WARSAW"), "/allianceId"),
        rule("allianceId lower case", e -> e.put("allianceId", "nato"), "/allianceId"),
        rule("country missing", e -> e.remove("country"), "/country"),
        rule("country lower case", e -> e.put("country", "deu"), "/country"),
        rule("country not a member of the alliance", e -> e.put("allianceId", "AUKUS"), "/country"),
        rule("country member of no alliance", e -> e.put("country", "BRA"), "/country"),
        rule("counterpart not a country", e -> e.put("counterpart", "XXX"), "/counterpart"),
        rule("severity missing", e -> e.remove("severity"), "/severity"),
        rule("severity above 1", e -> e.put("severity", 1.5), "/severity"),
        rule("severity below 0", e -> e.put("severity", -0.1), "/severity"),
        rule("severity as a string", e -> e.put("severity", "0.5"), "/severity"),
        rule(
            "severity infinite (1e309)",
            e -> e.put("severity", Double.POSITIVE_INFINITY),
            "/severity"),
        rule("confidence above 1", e -> e.put("confidence", 1.01), "/confidence"),
        rule("value above 100", e -> e.put("value", 101), "/value"),
        rule("occurredAt missing", e -> e.remove("occurredAt"), "/occurredAt"),
        rule(
            "occurredAt 6 minutes in the future",
            e -> e.put("occurredAt", Instant.now().plus(6, ChronoUnit.MINUTES).toString()),
            "/occurredAt"),
        rule(
            "occurredAt without a zone",
            e -> e.put("occurredAt", "2026-03-01T00:00:00"),
            "/occurredAt"),
        rule("occurredAt a date only", e -> e.put("occurredAt", "2026-03-01"), "/occurredAt"),
        rule(
            "occurredAt leap second",
            e -> e.put("occurredAt", "2016-12-31T23:59:60Z"),
            "/occurredAt"),
        rule("occurredAt hour 24", e -> e.put("occurredAt", "2026-03-01T24:00:00Z"), "/occurredAt"),
        rule(
            "occurredAt 10 fraction digits",
            e -> e.put("occurredAt", "2026-03-01T00:00:00.1234567891Z"),
            "/occurredAt"),
        rule(
            "occurredAt basic format", e -> e.put("occurredAt", "20260301T000000Z"), "/occurredAt"),
        rule("occurredAt epoch number", e -> e.put("occurredAt", 1772323200), "/occurredAt"),
        rule("summary of 1001 chars", e -> e.put("summary", "s".repeat(1001)), "/summary"),
        rule("url ftp", e -> e.put("url", "ftp://example.org/x"), "/url"),
        rule("url relative", e -> e.put("url", "/reports/1"), "/url"),
        rule("url with a space", e -> e.put("url", "https://example.org/a b"), "/url"),
        rule("url port out of range", e -> e.put("url", "https://example.org:70000/"), "/url"),
        rule("unknown field", e -> e.put("severty", 0.5), "/severty"),
        rule(
            "ingestedAt sent by the client",
            e -> e.put("ingestedAt", "2026-03-01T00:00:00Z"),
            "/ingestedAt"));
  }

  private static Arguments rule(String name, Consumer<ObjectNode> change, String pointer) {
    return Arguments.of(name, change, pointer);
  }

  @ParameterizedTest(name = "{0} -> 422 at {2}")
  @MethodSource("invalidEvents")
  void shouldRefuseAnInvalidEventWithItsPointerAndWriteNothing(
      String name, Consumer<ObjectNode> change, String pointer) {
    ObjectNode event = Events.tension("DEU");
    change.accept(event);
    long before = KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS));

    given()
        .contentType("application/json")
        .body(event.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("status", equalTo(422))
        .body("errors.pointer", hasItem(pointer))
        .body("errors.size()", equalTo(1));

    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(before);
  }

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        Arguments.of("not JSON", "{\"id\": ", 400),
        Arguments.of("NaN token", "{\"severity\": NaN}", 400),
        Arguments.of("trailing garbage", "{} x", 400),
        Arguments.of("empty body", "", 400),
        Arguments.of("duplicate member", "{\"id\":\"a\",\"id\":\"b\"}", 400),
        Arguments.of("single quotes", "{'id':'a'}", 400),
        Arguments.of("a top-level number", "42", 422),
        Arguments.of("an empty array", "[]", 422),
        Arguments.of("an array of arrays", "[[1]]", 422));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("malformedBodies")
  void shouldRefuseAMalformedBodyAndWriteNothing(String name, String body, int status) {
    long before = KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS));

    given()
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("status", equalTo(status))
        .body("type", startsWith("https://alliancewatch.io/problems/"));

    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(before);
  }

  @Test
  void shouldRefuseAnIdHoldingAnUnpairedSurrogateEscape() {
    String body =
        Events.tension("DEU")
            .put("id", "SURROGATE")
            .toString()
            .replace("\"SURROGATE\"", "\"a\\ud800b\"");

    given()
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(422)
        .body("errors.pointer", hasItem("/id"));
  }

  @Test
  void shouldRefuseAWrongContentTypeWith415() {
    given()
        .contentType("text/plain")
        .body(Events.tension("DEU").toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("application/json"));
  }

  @Test
  void shouldRefuseAnOversizedBodyWith413() {
    long before = KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS));
    String padding = "x".repeat(6 * 1024 * 1024);
    String body = "{\"summary\":\"" + padding + "\"}";

    given()
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("(Content-Length)"))
        .body("errors[0].pointer", org.hamcrest.Matchers.equalTo(""));

    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(before);
  }

  @Test
  void shouldWriteNothingWhenOneEventOfAnArrayIsInvalid() {
    long before = KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS));
    ObjectNode bad = Events.tension("DEU").put("severity", 2);
    String body = "[" + Events.tension("DEU") + "," + Events.tension("FRA") + "," + bad + "]";

    given()
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(422)
        .body("errors.pointer", anyOf(hasItem("/2/severity"), hasItem("#/2/severity")));

    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(before);
  }

  @Test
  void shouldRefuseAnArrayOf1001EventsAndWriteNothing() {
    long before = KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS));
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      body.append(i == 0 ? "" : ",").append(Events.tension("DEU"));
    }
    body.append("]");

    given()
        .contentType("application/json")
        .body(body.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(422);

    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(before);
  }

  @Test
  void shouldRefuseAnUnknownFieldWhoseValueIsNullAndWriteNothing() {
    long before = KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS));
    given()
        .contentType("application/json")
        .body(Events.tension("DEU").putNull("sevrity").toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(422)
        .body("errors.pointer", equalTo(java.util.List.of("/sevrity")))
        .body("errors[0].message", org.hamcrest.Matchers.containsString("unknown field"));
    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(before);
  }
}
