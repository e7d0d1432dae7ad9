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

  /**
   * Two threads of the service's JVM deadlocked on each other's lock: liveness says DOWN and names
   * them (a supervisor, or the service's own watchdog, then restarts it); once they are freed, UP.
   */
  @Test
  void givenDeadlockedThreads_thenLivenessIsDownAndNamesThem_andUpAgainOnceFreed()
      throws Exception {
    given().get("/q/health/live").then().statusCode(200);
    java.util.concurrent.locks.ReentrantLock first = new java.util.concurrent.locks.ReentrantLock();
    java.util.concurrent.locks.ReentrantLock second =
        new java.util.concurrent.locks.ReentrantLock();
    java.util.concurrent.CyclicBarrier bothHoldOne = new java.util.concurrent.CyclicBarrier(2);
    Thread a = lockBoth("deadlocked-a", first, second, bothHoldOne);
    Thread b = lockBoth("deadlocked-b", second, first, bothHoldOne);
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  given()
                      .get("/q/health/live")
                      .then()
                      .statusCode(503)
                      .body(containsString("\"deadlocks\""))
                      .body(containsString("deadlocked-a, deadlocked-b")));
    } finally {
      a.interrupt(); // lockInterruptibly: the cycle breaks
      b.interrupt();
      a.join(10_000);
      b.join(10_000);
    }
    given().get("/q/health/live").then().statusCode(200);
  }

  /** A thread that takes {@code one}, waits until its peer holds the other, then asks for it. */
  private static Thread lockBoth(
      String name,
      java.util.concurrent.locks.ReentrantLock one,
      java.util.concurrent.locks.ReentrantLock other,
      java.util.concurrent.CyclicBarrier bothHoldOne) {
    Thread thread =
        new Thread(
            () -> {
              try {
                one.lockInterruptibly();
                try {
                  bothHoldOne.await();
                  other.lockInterruptibly();
                  other.unlock();
                } finally {
                  one.unlock();
                }
              } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
                // freed by the test
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return thread;
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
