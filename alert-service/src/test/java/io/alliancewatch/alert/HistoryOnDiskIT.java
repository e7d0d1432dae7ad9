package io.alliancewatch.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.alert.app.Lifecycle;
import io.alliancewatch.alert.history.NotificationHistory;
import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.support.Api;
import io.alliancewatch.alert.support.TestKafka;
import io.alliancewatch.alert.support.WebhookReceiver;
import io.alliancewatch.contracts.Metric;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.alert.Condition;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert history and the delivery log are kept on local disk, not in the heap: every
 * notification the topic keeps is listed (by alliance, status, time and limit), nothing older than
 * the topic's retention, and a reload reads the same again.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class HistoryOnDiskIT {

  @BeforeAll
  static void signIn() {
    Api.signInAsAdmin();
  }

  @Inject RegistryView registry;
  @Inject NotificationHistory history;
  @Inject Lifecycle lifecycle;

  /**
   * A notification of a subscription that does not exist (nothing is delivered), made at {@code
   * at}.
   */
  private static AlertNotification notification(String alliance, String status, Instant at) {
    return new AlertNotification(
        UUID.randomUUID().toString(),
        "history-" + UUID.randomUUID(),
        alliance,
        Metric.RISK,
        Condition.ABOVE,
        60,
        55,
        status,
        70,
        at,
        status.equals(AlertNotification.RESOLVED) ? at : null,
        at,
        Map.of(),
        List.of(),
        "1",
        UUID.randomUUID().toString(),
        at);
  }

  private static List<String> listed(Map<String, Object> query) {
    return given()
        .queryParams(query)
        .get("/api/alerts")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("notificationId", String.class);
  }

  private static List<String> idsNewestFirst(List<AlertNotification> made) {
    List<String> ids =
        new ArrayList<>(made.stream().map(AlertNotification::notificationId).toList());
    java.util.Collections.reverse(ids);
    return ids;
  }

  @Test
  void givenNotificationsOnTheTopic_thenTheHistoryListsThemByAllianceStatusTimeAndLimit()
      throws Exception {
    String a = TestKafka.newAlliance("DISK-A");
    String b = TestKafka.newAlliance("DISK-B");
    // an hour ago, one second apart: no other test makes notifications then
    Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    List<AlertNotification> ofA = new ArrayList<>();
    List<AlertNotification> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String alliance = i % 3 == 0 ? b : a;
      String status = i % 2 == 0 ? AlertNotification.FIRING : AlertNotification.RESOLVED;
      AlertNotification n = notification(alliance, status, base.plusSeconds(i));
      all.add(n);
      if (alliance.equals(a)) {
        ofA.add(n);
      }
    }
    // written out of order: the history orders by the time each was made
    for (int i : IntStream.range(0, 30).map(i -> (i * 7) % 30).toArray()) {
      TestKafka.send(Topics.NOTIFICATIONS.name(), all.get(i).subscriptionId(), all.get(i));
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> listed(Map.of("alliance", a, "limit", 1000)).size() == 20);
    assertThat(listed(Map.of("alliance", a, "limit", 1000)))
        .containsExactlyElementsOf(idsNewestFirst(ofA));
    assertThat(listed(Map.of("alliance", a, "limit", 3)))
        .containsExactlyElementsOf(idsNewestFirst(ofA).subList(0, 3));
    assertThat(listed(Map.of("alliance", a, "status", "resolved", "limit", 1000)))
        .containsExactlyElementsOf(
            idsNewestFirst(ofA.stream().filter(n -> n.status().equals("resolved")).toList()));
    // from inclusive, to exclusive, every alliance
    assertThat(
            listed(
                Map.of(
                    "from", base.plusSeconds(5).toString(),
                    "to", base.plusSeconds(10).toString(),
                    "limit", 1000)))
        .containsExactlyElementsOf(idsNewestFirst(all.subList(5, 10)));
    assertThat(
            listed(
                Map.of(
                    "alliance", b,
                    "from", base.plusSeconds(3).toString(),
                    "to", base.plusSeconds(12).toString())))
        .containsExactlyElementsOf(idsNewestFirst(List.of(all.get(3), all.get(6), all.get(9))));

    // a reload (as at a start) reads the same from the topic; while it reads, the API says 503
    List<String> before = listed(Map.of("alliance", a, "limit", 1000));
    history.stop();
    given().get("/api/alerts").then().statusCode(503).header("Retry-After", "5");
    history.start(Duration.ofSeconds(60));
    assertThat(listed(Map.of("alliance", a, "limit", 1000))).isEqualTo(before);
  }

  @Test
  void givenANotificationOlderThanTheTopicsRetention_thenItIsNotListed_andDroppedFromDisk() {
    String alliance = TestKafka.newAlliance("DISK-OLD");
    // the test broker keeps 7 days (Kafka's default retention.ms)
    AlertNotification old =
        notification(alliance, AlertNotification.FIRING, Instant.now().minus(Duration.ofDays(8)));
    AlertNotification recent =
        notification(alliance, AlertNotification.RESOLVED, Instant.now().minus(Duration.ofDays(6)));
    TestKafka.send(Topics.NOTIFICATIONS.name(), old.subscriptionId(), old);
    TestKafka.send(Topics.NOTIFICATIONS.name(), recent.subscriptionId(), recent);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> listed(Map.of("alliance", alliance)).contains(recent.notificationId()));
    assertThat(listed(Map.of("alliance", alliance))).containsExactly(recent.notificationId());
    history.dropExpired(); // as it runs once a minute (it may have run already)
    assertThat(history.holds(old)).isFalse();
    assertThat(history.holds(recent)).isTrue();
    assertThat(history.dropExpired()).isZero();
    assertThat(listed(Map.of("alliance", alliance))).containsExactly(recent.notificationId());
  }

  @Test
  void givenDeliveries_thenTheListingIsNewestFirstUpToItsLimit_andSurvivesAReload()
      throws Exception {
    List<String> alliances =
        List.of(
            TestKafka.knownAlliance(registry, "DISK-D1"),
            TestKafka.knownAlliance(registry, "DISK-D2"),
            TestKafka.knownAlliance(registry, "DISK-D3"));
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Api.Created created = Api.subscribe(receiver, "/disk", alliances, 60, Map.of());
      for (String alliance : alliances) { // one after the other: their order is known
        TestKafka.scores(alliance, 70);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    Api.deliveries(created.id()).stream()
                        .anyMatch(
                            d ->
                                alliance.equals(d.get("allianceId"))
                                    && "succeeded".equals(d.get("status"))));
      }
      List<Object> newestFirst =
          Api.deliveries(created.id()).stream().map(d -> d.get("allianceId")).toList();
      assertThat(newestFirst).containsExactly(alliances.get(2), alliances.get(1), alliances.get(0));
      assertThat(
              given()
                  .queryParam("limit", 2)
                  .get("/api/subscriptions/{id}/deliveries", created.id())
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath()
                  .getList("allianceId", String.class))
          .containsExactly(alliances.get(2), alliances.get(1));
      for (String bad : List.of("0", "1001", "many")) {
        given()
            .queryParam("limit", bad)
            .get("/api/subscriptions/{id}/deliveries", created.id())
            .then()
            .statusCode(400)
            .body("errors[0].pointer", org.hamcrest.Matchers.equalTo("/limit"));
      }

      List<Map<String, Object>> before = Api.deliveries(created.id());
      lifecycle.restartDurableParts(); // the delivery log is read again into an empty store
      assertThat(Api.deliveries(created.id())).isEqualTo(before);
    }
  }
}
