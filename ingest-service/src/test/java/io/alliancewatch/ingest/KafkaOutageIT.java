package io.alliancewatch.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.alliancewatch.kafka.RestartableKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** While Kafka is away nothing is claimed as accepted; when it is back, posts succeed again. */
@QuarkusTest
@QuarkusTestResource(value = RestartableKafkaTestResource.class, restrictToAnnotatedClass = true)
class KafkaOutageIT {

  @Test
  void shouldAnswer503WhileKafkaIsDownAndAcceptAgainOnceItIsBack() {
    Readiness.awaitReady();
    post(Events.tension("DEU", "NATO").toString()).then().statusCode(202);

    RestartableKafkaTestResource.stopBroker();
    try {
      post(Events.tension("DEU", "NATO").toString())
          .then()
          .statusCode(503)
          .contentType("application/problem+json")
          .header("Retry-After", notNullValue())
          .body("type", equalTo("https://alliancewatch.io/problems/kafka-unavailable"))
          .body("$", not(hasKey("accepted")));
      given().when().get("/q/health/ready").then().statusCode(503);
      // Kafka down is not a wedge: still alive, so neither a supervisor nor the service's own
      // watchdog (LivenessWatchdog) restarts it for that
      given().when().get("/q/health/live").then().statusCode(200);
    } finally {
      RestartableKafkaTestResource.startBroker();
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> post(Events.tension("DEU", "NATO").toString()).statusCode() == 202);
    given().when().get("/q/health/ready").then().statusCode(200);
  }

  private static io.restassured.response.Response post(String body) {
    return given().contentType("application/json").body(body).when().post("/api/indicators");
  }
}
