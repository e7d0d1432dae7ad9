package io.alliancewatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator sees: metrics that count every acceptance and refusal, health, OpenAPI. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class OperationsIT {

  @BeforeEach
  void ready() {
    Readiness.awaitReady();
  }

  @Test
  void shouldCountAcceptedEventsByTypeAndRejectedOnesByReason() {
    double acceptedBefore = metric("ingest_events_accepted_total", "type=\"JOINT_EXERCISE\"");
    double rejectedBefore = metric("ingest_events_rejected_total", "reason=\"severity\"");

    given()
        .contentType("application/json")
        .body(Events.tension("DEU", "NATO").put("type", "JOINT_EXERCISE").toString())
        .post("/api/indicators")
        .then()
        .statusCode(202);
    given()
        .contentType("application/json")
        .body(Events.tension("DEU", "NATO").put("severity", 4).toString())
        .post("/api/indicators")
        .then()
        .statusCode(422);

    Assertions.assertThat(metric("ingest_events_accepted_total", "type=\"JOINT_EXERCISE\""))
        .isEqualTo(acceptedBefore + 1);
    Assertions.assertThat(metric("ingest_events_rejected_total", "reason=\"severity\""))
        .isEqualTo(rejectedBefore + 1);
  }

  @Test
  void shouldExposeTheKafkaClientsOwnMetricsWithTheRawConsumersLag() {
    // the raw-topic consumer starts once the registry is read, a moment after readiness
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                Assertions.assertThat(labels("kafka_consumer_fetch_manager_records_lag_max"))
                    .anyMatch(l -> l.contains("client_id=\"ingest-service-raw\"")));

    given()
        .contentType("application/json")
        .body(Events.tension("DEU", "NATO").toString())
        .post("/api/indicators")
        .then()
        .statusCode(202);

    Assertions.assertThat(labels("kafka_producer_record_send_total"))
        .anyMatch(l -> l.contains("client_id=\"ingest-service\""));
    Assertions.assertThat(labels("kafka_admin_client_connection_count"))
        .anyMatch(l -> l.contains("client_id=\"ingest-service-admin\""));
  }

  @Test
  void shouldPublishItsOpenApiDocument() {
    given()
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/indicators"))
        .body(containsString("/api/alliances/{id}"));
  }

  @Test
  void shouldReportKafkaInItsReadiness() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body(containsString("\"kafka\""))
        .body(containsString("registry.loaded"));
  }

  /** The label sets of every sample of {@code name} ({@code NaN} values included). */
  private static List<String> labels(String name) {
    String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
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

  /**
   * The sum of a counter's samples whose labels contain {@code label}; 0 when absent. A sample may
   * carry an exemplar (the trace that last counted it) after {@code #}.
   */
  private static double metric(String name, String label) {
    String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher matcher =
        Pattern.compile("^" + name + "\\{([^}]*)\\} ([0-9.Ee+-]+)(?: #.*)?$", Pattern.MULTILINE)
            .matcher(body);
    double sum = 0;
    while (matcher.find()) {
      if (matcher.group(1).contains(label)) {
        sum += Double.parseDouble(matcher.group(2));
      }
    }
    return sum;
  }
}
