package io.alliancewatch.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.support.Api;
import io.alliancewatch.alert.support.TestKafka;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka clients' own metrics on {@code /q/metrics}: the consumer lag of every consumer the
 * service runs (the topic tails, the delivery consumer, the engine's Kafka Streams consumers) and
 * the producer's metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class KafkaClientMetricsIT {

  @BeforeAll
  static void signIn() {
    Api.signInAsAdmin();
  }

  private static final String LAG = "kafka_consumer_fetch_manager_records_lag_max";
  private static final Pattern CLIENT_ID = Pattern.compile("client_id=\"([^\"]+)\"");

  @Inject RegistryView registry;

  /** The client ids that have a series of {@code metric}. */
  private static Set<String> clientsWith(String metric) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Set<String> clients = new TreeSet<>();
    for (String line : body.lines().toList()) {
      if (line.startsWith(metric + "{")) {
        Matcher id = CLIENT_ID.matcher(line);
        if (id.find()) {
          clients.add(id.group(1));
        }
      }
    }
    return clients;
  }

  @Test
  void givenTheServiceRunning_thenEachOfItsConsumersShowsItsLag_andTheProducerItsSends() {
    // a subscription written makes sure the producer exists
    String alliance = TestKafka.knownAlliance(registry, "METRICS");
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "name",
                    "metrics",
                    "alliances",
                    List.of(alliance),
                    "metric",
                    "risk",
                    "condition",
                    "above",
                    "threshold",
                    60,
                    "webhook",
                    Map.of("url", "http://127.0.0.1:9/hook")))
            .post("/api/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    // Micrometer binds a client's per-partition series at its next refresh (every 60 s) and then
    // drops the client-level ones: a client may lack a series for up to a minute after a restart
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () ->
                assertThat(clientsWith(LAG))
                    .contains(
                        "alert-service-tail-alliance.registry",
                        "alert-service-tail-alert.subscriptions",
                        "alert-service-tail-alert.notifications",
                        "alert-service-tail-alert-service.deliveries",
                        "alert-service-delivery")
                    .anyMatch(c -> c.endsWith("-StreamThread-1-consumer"))
                    .anyMatch(c -> c.endsWith("-global-consumer")));
    assertThat(clientsWith("kafka_producer_record_send_total")).contains("alert-service-producer");

    given().delete("/api/subscriptions/{id}", id).then().statusCode(204);
  }
}
