package io.alliancewatch.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.alert.app.Lifecycle;
import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.support.Api;
import io.alliancewatch.alert.support.TestKafka;
import io.alliancewatch.alert.support.WebhookReceiver;
import io.alliancewatch.alert.support.WebhookReceiver.Received;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A restart while an alert fires. The durable parts are stopped and started again in the running
 * app: the Kafka Streams engine with its local state deleted (so every alert state is rebuilt from
 * the changelog, as on a new machine) and the delivery side (its log re-read, its consumer group
 * rejoined). The HTTP layer stays up, which is what a rolling restart behind a balancer looks like.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class RestartIT {

  @BeforeAll
  static void signIn() {
    Api.signInAsAdmin();
  }

  @Inject RegistryView registry;
  @Inject Lifecycle lifecycle;

  @Test
  void givenAFiringAlert_whenTheServiceRestarts_thenNoSecondFiring_andTheResolvedIsDelivered()
      throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String alliance = TestKafka.knownAlliance(registry, "RESTART");
      Api.subscribe(receiver, "/restart", List.of(alliance), 60, Map.of());
      TestKafka.scores(alliance, 65);
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/restart").size() == 1);

      lifecycle.restartDurableParts();
      TestKafka.scores(alliance, 67, 58, 50); // still firing, between thresholds, recovered

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  receiver.received("/restart").stream()
                      .anyMatch(r -> status(r).equals("resolved")));
      List<Received> got = receiver.received("/restart");
      assertThat(got).extracting(RestartIT::status).containsExactly("firing", "resolved");
      assertThat(JsonPath.from(got.get(1).body()).getString("alertId"))
          .isEqualTo(JsonPath.from(got.get(0).body()).getString("alertId"));
      assertThat(JsonPath.from(got.get(1).body()).getDouble("value")).isEqualTo(50.0);
      assertThat(
              given()
                  .queryParam("alliance", alliance)
                  .get("/api/alerts")
                  .then()
                  .extract()
                  .jsonPath()
                  .getList("status"))
          .containsExactly("resolved", "firing");
    }
  }

  private static String status(Received r) {
    return JsonPath.from(r.body()).getString("status");
  }
}
