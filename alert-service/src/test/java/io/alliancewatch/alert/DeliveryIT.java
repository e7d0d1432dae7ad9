package io.alliancewatch.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.support.Api;
import io.alliancewatch.alert.support.TestKafka;
import io.alliancewatch.alert.support.WebhookReceiver;
import io.alliancewatch.alert.support.WebhookReceiver.Answer;
import io.alliancewatch.alert.support.WebhookReceiver.Received;
import io.alliancewatch.contracts.alert.DeadLetteredDelivery;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retries, Retry-After, 410, dead letters and redelivery, against a scripted real receiver. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class DeliveryIT {

  @BeforeAll
  static void signIn() {
    Api.signInAsAdmin();
  }

  private static WebhookReceiver receiver;

  @Inject RegistryView registry;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver = new WebhookReceiver();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  /** The status of the newest delivery of a subscription, null before there is one. */
  private static Object latestStatus(String subscriptionId) {
    List<Map<String, Object>> all = Api.deliveries(subscriptionId);
    return all.isEmpty() ? null : all.get(0).get("status");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> attempts(Map<String, Object> delivery) {
    return (List<Map<String, Object>>) delivery.get("attempts");
  }

  /**
   * A series' value on {@code /q/metrics}: the line that starts with {@code name} and holds {@code
   * label} (e.g. {@code outcome="retried"}); 0 while there is none.
   */
  private static double meter(String name, String label) {
    String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return body.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> label.isEmpty() || line.contains(label))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void givenAReceiverThatAnswers500Twice_thenThreeAttemptsOneSuccessAllLogged() {
    // other tests' deliveries may count meanwhile, so the meters are held to "at least"
    double retriedBefore = meter("alerts_deliveries_total", "outcome=\"retried\"");
    double succeededBefore = meter("alerts_deliveries_total", "outcome=\"succeeded\"");
    double firingBefore = meter("alerts_notifications_total", "status=\"firing\"");
    double latenciesBefore = meter("alerts_delivery_latency_seconds_count", "");
    String alliance = TestKafka.knownAlliance(registry, "R500");
    receiver.script("/flaky", Answer.of(500), Answer.of(500));
    Api.Created sub = Api.subscribe(receiver, "/flaky", List.of(alliance), 60, Map.of());

    TestKafka.scores(alliance, 66);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Api.deliveries(sub.id()).stream()
                    .anyMatch(d -> "succeeded".equals(d.get("status"))));
    List<Received> got = receiver.received("/flaky");
    assertThat(got).hasSize(3);
    assertThat(got)
        .extracting(r -> r.header("webhook-id"))
        .containsOnly(got.get(0).header("webhook-id"));
    assertThat(got).extracting(Received::body).containsOnly(got.get(0).body());
    assertThat(got).allMatch(Received::verified);
    Map<String, Object> delivery = Api.deliveries(sub.id()).get(0);
    assertThat(delivery.get("webhookId")).isEqualTo(got.get(0).header("webhook-id"));
    assertThat(delivery.get("notificationStatus")).isEqualTo("firing");
    assertThat(attempts(delivery))
        .extracting(a -> a.get("statusCode"))
        .containsExactly(500, 500, 200);
    assertThat(meter("alerts_deliveries_total", "outcome=\"retried\""))
        .isGreaterThanOrEqualTo(retriedBefore + 2);
    assertThat(meter("alerts_deliveries_total", "outcome=\"succeeded\""))
        .isGreaterThanOrEqualTo(succeededBefore + 1);
    assertThat(meter("alerts_notifications_total", "status=\"firing\""))
        .isGreaterThanOrEqualTo(firingBefore + 1);
    assertThat(meter("alerts_delivery_latency_seconds_count", ""))
        .isGreaterThanOrEqualTo(latenciesBefore + 1);
  }

  @Test
  void givenA429WithRetryAfter2_thenTheNextAttemptWaitsTwoSeconds() {
    String alliance = TestKafka.knownAlliance(registry, "R429");
    receiver.script("/busy", new Answer(429, Map.of("Retry-After", "2")));
    Api.Created sub = Api.subscribe(receiver, "/busy", List.of(alliance), 60, Map.of());

    TestKafka.scores(alliance, 66);

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/busy").size() == 2);
    List<Received> got = receiver.received("/busy");
    Duration gap = Duration.ofNanos(got.get(1).receivedNanos() - got.get(0).receivedNanos());
    // the schedule alone would retry after 1 s ± 20 %
    assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    await().atMost(Duration.ofSeconds(5)).until(() -> "succeeded".equals(latestStatus(sub.id())));
  }

  @Test
  void givenA410_thenTheSubscriptionIsDisabled_andLaterNotificationsAreNotSent() {
    String alliance = TestKafka.knownAlliance(registry, "R410");
    receiver.script("/gone", Answer.of(410));
    Api.Created sub = Api.subscribe(receiver, "/gone", List.of(alliance), 60, Map.of());

    TestKafka.scores(alliance, 66);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "disabled"
                    .equals(
                        given()
                            .get("/api/subscriptions/{id}", sub.id())
                            .then()
                            .extract()
                            .path("status")));
    assertThat(
            given()
                .get("/api/subscriptions/{id}", sub.id())
                .then()
                .extract()
                .<String>path("disabledReason"))
        .contains("410");

    TestKafka.scores(alliance, 40); // resolved: made, but not sent while disabled

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                Api.deliveries(sub.id()).stream()
                    .anyMatch(d -> "cancelled".equals(d.get("status"))));
    assertThat(receiver.received("/gone")).hasSize(1);
    assertThat(Api.deliveries(sub.id()))
        .extracting(d -> d.get("status"))
        .containsExactly("cancelled", "failed");
  }

  @Test
  void givenRetriesUsedUp_thenADeadLetter_andARedeliverySucceedsWithTheSameWebhookId() {
    String alliance = TestKafka.knownAlliance(registry, "RDLQ");
    receiver.script("/down", Answer.of(500), Answer.of(503), Answer.of(500));
    Api.Created sub = Api.subscribe(receiver, "/down", List.of(alliance), 60, Map.of());

    TestKafka.scores(alliance, 66);

    await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(latestStatus(sub.id())));
    Map<String, Object> failed = Api.deliveries(sub.id()).get(0);
    assertThat(attempts(failed)).hasSize(3);
    assertThat(
            given()
                .queryParam("status", "failed")
                .get("/api/subscriptions/{id}/deliveries", sub.id())
                .then()
                .extract()
                .jsonPath()
                .getList("deliveryId"))
        .containsExactly(failed.get("deliveryId"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                TestKafka.deadLetters().stream()
                    .map(DeadLetteredDelivery::deliveryId)
                    .toList()
                    .contains(failed.get("deliveryId")));

    given().post("/api/deliveries/{id}/redeliver", failed.get("deliveryId")).then().statusCode(202);

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/down").size() == 4);
    Received last = receiver.received("/down").get(3);
    assertThat(last.header("webhook-id")).isEqualTo(failed.get("webhookId"));
    assertThat(last.verified()).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> "succeeded".equals(latestStatus(sub.id())));
  }

  @Test
  void givenAFiringStillBeingRetried_thenItsResolvedWaitsBehindIt() {
    String alliance = TestKafka.knownAlliance(registry, "ORDER");
    receiver.script("/ordered", Answer.of(500), Answer.of(500));
    Api.subscribe(receiver, "/ordered", List.of(alliance), 60, Map.of());

    TestKafka.scores(alliance, 66, 40);

    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/ordered").size() == 4);
    assertThat(receiver.received("/ordered"))
        .extracting(r -> io.restassured.path.json.JsonPath.from(r.body()).getString("status"))
        .containsExactly("firing", "firing", "firing", "resolved");
  }

  @Test
  void givenADeliveryBeingRetried_whenTheSubscriptionIsDeleted_thenItsRetriesAreCancelled() {
    String alliance = TestKafka.knownAlliance(registry, "DEL");
    receiver.script("/deleted", Answer.of(500), Answer.of(500), Answer.of(500));
    Api.Created sub = Api.subscribe(receiver, "/deleted", List.of(alliance), 60, Map.of());
    TestKafka.scores(alliance, 66);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/deleted").size() == 1);

    given().delete("/api/subscriptions/{id}", sub.id()).then().statusCode(204);

    await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(latestStatus(sub.id())));
    Map<String, Object> cancelled = Api.deliveries(sub.id()).get(0);
    assertThat(attempts(cancelled)).hasSizeLessThan(3);
    assertThat(receiver.received("/deleted")).hasSize(attempts(cancelled).size());
  }
}
