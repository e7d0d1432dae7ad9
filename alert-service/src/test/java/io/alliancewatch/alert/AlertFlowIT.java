package io.alliancewatch.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.support.Api;
import io.alliancewatch.alert.support.TestKafka;
import io.alliancewatch.alert.support.WebhookReceiver;
import io.alliancewatch.alert.support.WebhookReceiver.Received;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scores in, signed webhooks out: the state machine end to end on a real broker. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class AlertFlowIT {

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

  private static JsonPath body(Received r) {
    return JsonPath.from(r.body());
  }

  /** What a path received about one alliance, in the order it arrived. */
  private static List<Received> about(String path, String allianceId) {
    return receiver.received(path).stream()
        .filter(r -> allianceId.equals(body(r).getString("allianceId")))
        .toList();
  }

  private static Instant instant(JsonPath notification, String field) {
    return Instant.parse(notification.getString(field));
  }

  /** The statuses {@code /api/alerts} lists for one alliance, newest first. */
  private static List<String> historyStatuses(String allianceId) {
    return given()
        .queryParam("alliance", allianceId)
        .get("/api/alerts")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("status");
  }

  private static List<String> activeAlertIds() {
    return Api.active("alertId");
  }

  @Test
  void
      givenAbove60Recovery55_whenScores58_61_57_54_thenOneFiringAt61AndOneResolvedAt54WithOneAlertId() {
    String alliance = TestKafka.knownAlliance(registry, "HYST");
    Api.subscribe(receiver, "/hysteresis", List.of(alliance), 60, Map.of("recoveryThreshold", 55));

    TestKafka.scores(alliance, 58, 61, 57, 54);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                receiver.received("/hysteresis").stream()
                    .anyMatch(r -> body(r).getString("status").equals("resolved")));
    List<Received> got = receiver.received("/hysteresis");
    assertThat(got)
        .extracting(r -> body(r).getString("status"))
        .containsExactly("firing", "resolved");
    assertThat(got).extracting(r -> body(r).getDouble("value")).containsExactly(61.0, 54.0);
    assertThat(body(got.get(0)).getString("alertId"))
        .isEqualTo(body(got.get(1)).getString("alertId"));
    assertThat(got).allMatch(Received::verified);
    assertThat(historyStatuses(alliance)).containsExactly("resolved", "firing");
  }

  @Test
  void givenAScoreRecordWithATrace_whenItFires_thenTheWebhookContinuesThatTrace() {
    String alliance = TestKafka.knownAlliance(registry, "TRACE");
    Api.subscribe(receiver, "/traced", List.of(alliance), 60, Map.of());
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    ProducerRecord<String, Object> score =
        new ProducerRecord<>(
            Topics.SCORES.name(), alliance, TestKafka.score(alliance, 70, Instant.now()));
    score.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));

    TestKafka.send(score);

    await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received("/traced").isEmpty());
    Received firing = receiver.received("/traced").get(0);
    assertThat(body(firing).getString("status")).isEqualTo("firing");
    assertThat(firing.header("traceparent")).isEqualTo(traceparent);
    assertThat(firing.verified()).isTrue();
  }

  @Test
  void givenForSeconds3_whenABreachIsShorter_thenNothing_andALongerOneFiresOnce() {
    String alliance = TestKafka.knownAlliance(registry, "HOLD");
    Api.subscribe(receiver, "/for-seconds", List.of(alliance), 60, Map.of("forSeconds", 3));

    TestKafka.scores(alliance, 61, 57); // a breach that ends at once
    TestKafka.scores(alliance, 62); // a breach that lasts

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !receiver.received("/for-seconds").isEmpty());
    List<Received> got = receiver.received("/for-seconds");
    assertThat(got).hasSize(1);
    JsonPath firing = body(got.get(0));
    assertThat(firing.getString("status")).isEqualTo("firing");
    assertThat(firing.getDouble("value")).isEqualTo(62.0);
    Duration held =
        Duration.between(
            Instant.parse(firing.getString("scoreAsOf")),
            Instant.parse(firing.getString("startsAt")));
    assertThat(held).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(
            given()
                .queryParam("alliance", alliance)
                .get("/api/alerts")
                .then()
                .extract()
                .jsonPath()
                .getList("$"))
        .hasSize(1);
  }

  @Test
  void givenAnAllianceAlreadyInBreach_whenASubscriptionIsCreated_thenItFiresAtOnce() {
    String alliance = TestKafka.knownAlliance(registry, "LATE");
    // a first subscription shows that the engine has judged the score of 70
    Api.subscribe(receiver, "/first", List.of(alliance), 60, Map.of());
    TestKafka.scores(alliance, 70);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/first").size() == 1);

    Api.subscribe(receiver, "/created-in-breach", List.of(alliance), 65, Map.of());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> receiver.received("/created-in-breach").size() == 1);
    Received r = receiver.received("/created-in-breach").get(0);
    assertThat(body(r).getString("status")).isEqualTo("firing");
    assertThat(body(r).getDouble("value")).isEqualTo(70.0);
    assertThat(r.verified()).isTrue();
  }

  @Test
  void givenStarSubscription_whenAnAllianceIsAddedToTheRegistryLater_thenItsBreachFires() {
    Api.Created all = Api.subscribe(receiver, "/all", List.of("*"), 99.5, Map.of());
    String added = TestKafka.knownAlliance(registry, "NEW");

    TestKafka.scores(added, 99.9);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                receiver.received("/all").stream()
                    .anyMatch(r -> body(r).getString("allianceId").equals(added)));
    assertThat(receiver.received("/all")).allMatch(Received::verified);
    given().delete("/api/subscriptions/{id}", all.id()).then().statusCode(204);
  }

  @Test
  void givenASignedDelivery_whenTheBodyIsTampered_thenTheStandardWebhooksCheckRejectsIt()
      throws Exception {
    String alliance = TestKafka.knownAlliance(registry, "SIGN");
    Api.Created created = Api.subscribe(receiver, "/signed", List.of(alliance), 60, Map.of());
    TestKafka.scores(alliance, 75);
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/signed").size() == 1);
    Received r = receiver.received("/signed").get(0);

    var tampered = Json.mapper().readTree(r.body()).deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) tampered).put("value", 10.0);

    assertThat(r.verified()).isTrue();
    assertThat(r.header("webhook-id")).isEqualTo(body(r).getString("notificationId"));
    assertThat(r.header("webhook-signature")).startsWith("v1,");
    assertThat(r.header("content-type")).startsWith("application/json");
    assertThat(
            WebhookReceiver.verify(
                created.secret(), Json.mapper().writeValueAsString(tampered), r.headers()))
        .isFalse();
    assertThat(WebhookReceiver.verify(created.secret(), r.body() + " ", r.headers())).isFalse();
  }

  @Test
  void givenAnSseClient_whenAnAlertFires_thenItGetsANotificationEvent_andTheAlertIsActive()
      throws Exception {
    String alliance = TestKafka.knownAlliance(registry, "SSE");
    Api.subscribe(receiver, "/sse", List.of(alliance), 60, Map.of());
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://localhost:" + io.restassured.RestAssured.port + "/api/alerts/stream"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + Api.ADMIN)
            .build();
    var stream =
        client
            .sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines())
            .thenAccept(response -> response.body().forEach(lines::add));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines.stream().anyMatch(l -> l.startsWith(":")));

    TestKafka.scores(alliance, 80);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> lines.stream().anyMatch(l -> l.startsWith("data: ") && l.contains(alliance)));
    int data = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("data: ") && lines.get(i).contains(alliance)) {
        data = i;
      }
    }
    // the lines exactly as alerts.md shows them: "event: notification", a space after each colon
    assertThat(lines.subList(0, data)).contains("event: notification");
    JsonPath event = JsonPath.from(lines.get(data).substring("data: ".length()));
    assertThat(event.getString("status")).isEqualTo("firing");
    assertThat(lines.subList(0, data)).contains("id: " + event.getString("notificationId"));
    assertThat(activeAlertIds()).contains(event.getString("alertId"));
    stream.cancel(true);
  }

  @Test
  void
      givenRepeatInterval60_whileAnAlertFires_thenOneRepeatAfter60sWithTheSameAlertIdAndTheLatestScore_andNoneOnceResolved() {
    // repeatIntervalSeconds is 0 or 60..604800 (alerts.md): 60 s is the shortest there is
    String resolvedEarly = TestKafka.knownAlliance(registry, "RPT-END");
    String lasting = TestKafka.knownAlliance(registry, "RPT-ON");
    Api.subscribe(
        receiver,
        "/repeat",
        List.of(resolvedEarly, lasting),
        60,
        Map.of("repeatIntervalSeconds", 60));

    TestKafka.scores(resolvedEarly, 70, 50); // fires, and recovers long before a repeat is due
    await().atMost(Duration.ofSeconds(20)).until(() -> about("/repeat", resolvedEarly).size() == 2);
    TestKafka.scores(lasting, 70);
    await().atMost(Duration.ofSeconds(20)).until(() -> about("/repeat", lasting).size() == 1);
    TestKafka.scores(lasting, 72); // still firing: sends nothing, but is now the latest record

    await().atMost(Duration.ofSeconds(100)).until(() -> about("/repeat", lasting).size() >= 2);
    List<Received> got = about("/repeat", lasting);
    assertThat(got).hasSize(2).allMatch(Received::verified);
    JsonPath firing = body(got.get(0));
    JsonPath repeat = body(got.get(1));
    assertThat(firing.getString("status")).isEqualTo("firing");
    assertThat(firing.getDouble("value")).isEqualTo(70.0);
    assertThat(repeat.getString("status")).isEqualTo("firing");
    assertThat(repeat.getString("alertId")).isEqualTo(firing.getString("alertId"));
    assertThat(repeat.getString("startsAt")).isEqualTo(firing.getString("startsAt"));
    assertThat(repeat.getString("endsAt")).isNull();
    // for a repeat, value and scoreAsOf come from the latest record
    assertThat(repeat.getDouble("value")).isEqualTo(72.0);
    assertThat(instant(repeat, "scoreAsOf")).isAfter(instant(firing, "scoreAsOf"));
    // a repeat is a new notification, so a new webhook-id
    assertThat(repeat.getString("notificationId")).isNotEqualTo(firing.getString("notificationId"));
    assertThat(got.get(1).header("webhook-id")).isEqualTo(repeat.getString("notificationId"));
    assertThat(got.get(1).header("webhook-id")).isNotEqualTo(got.get(0).header("webhook-id"));
    // not before the interval; at the first check after it (check-interval 1 s, slack for load)
    assertThat(Duration.between(instant(firing, "createdAt"), instant(repeat, "createdAt")))
        .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(70));

    // resolvedEarly fired first, so its repeat would have been due before lasting's: none came
    Instant earlyRepeatDue = instant(body(about("/repeat", resolvedEarly).get(0)), "createdAt");
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(15))
        .until(() -> about("/repeat", resolvedEarly).size() == 2);
    assertThat(Instant.now()).isAfter(earlyRepeatDue.plusSeconds(60 + 5));
    assertThat(about("/repeat", resolvedEarly))
        .extracting(r -> body(r).getString("status"))
        .containsExactly("firing", "resolved");

    // the repeated alert resolves under the same alertId and startsAt
    TestKafka.scores(lasting, 50);
    await().atMost(Duration.ofSeconds(20)).until(() -> about("/repeat", lasting).size() == 3);
    JsonPath resolved = body(about("/repeat", lasting).get(2));
    assertThat(resolved.getString("status")).isEqualTo("resolved");
    assertThat(resolved.getString("alertId")).isEqualTo(firing.getString("alertId"));
    assertThat(resolved.getString("startsAt")).isEqualTo(firing.getString("startsAt"));
    assertThat(resolved.getString("endsAt")).isNotNull();
    assertThat(historyStatuses(lasting)).containsExactly("resolved", "firing", "firing");
  }

  @Test
  void givenAPutThatChangesTheThreshold_thenEachAllianceIsReEvaluatedAtOnceOnItsLatestScore() {
    String quiet = TestKafka.knownAlliance(registry, "PUT-Q");
    String middle = TestKafka.knownAlliance(registry, "PUT-M");
    String high = TestKafka.knownAlliance(registry, "PUT-H");
    List<String> alliances = List.of(quiet, middle, high);
    Api.Created sub = Api.subscribe(receiver, "/put", alliances, 65, Map.of()); // recovery 60
    TestKafka.scores(quiet, 70, 58); // fires and recovers: OK, with 58 as its latest score
    TestKafka.scores(middle, 68);
    TestKafka.scores(high, 72);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                about("/put", quiet).size() == 2
                    && about("/put", middle).size() == 1
                    && about("/put", high).size() == 1);
    JsonPath quietRecovered = body(about("/put", quiet).get(1));
    assertThat(quietRecovered.getString("status")).isEqualTo("resolved");

    // lowered to 55 (recovery 50): the latest 58 now breaches and fires, with no new score
    Api.replace(receiver, "/put", sub.id(), alliances, 55, Map.of());

    await().atMost(Duration.ofSeconds(10)).until(() -> about("/put", quiet).size() == 3);
    JsonPath refired = body(about("/put", quiet).get(2));
    assertThat(refired.getString("status")).isEqualTo("firing");
    assertThat(refired.getDouble("value")).isEqualTo(58.0);
    assertThat(refired.getString("scoreAsOf")).isEqualTo(quietRecovered.getString("scoreAsOf"));
    assertThat(refired.getDouble("threshold")).isEqualTo(55.0);
    assertThat(refired.getDouble("recoveryThreshold")).isEqualTo(50.0);
    assertThat(refired.getString("alertId")).isNotEqualTo(quietRecovered.getString("alertId"));

    // raised to 75 (recovery 70): 58 and 68 have recovered and resolve; 72 no longer breaches but
    // lies between the thresholds, so it stays firing (alerts.md: only a recovery resolves)
    Api.replace(receiver, "/put", sub.id(), alliances, 75, Map.of());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> about("/put", quiet).size() == 4 && about("/put", middle).size() == 2);
    JsonPath quietResolved = body(about("/put", quiet).get(3));
    assertThat(quietResolved.getString("status")).isEqualTo("resolved");
    assertThat(quietResolved.getString("alertId")).isEqualTo(refired.getString("alertId"));
    assertThat(quietResolved.getString("startsAt")).isEqualTo(refired.getString("startsAt"));
    assertThat(quietResolved.getString("endsAt")).isNotNull();
    assertThat(quietResolved.getDouble("value")).isEqualTo(58.0);
    assertThat(quietResolved.getDouble("threshold")).isEqualTo(75.0);
    assertThat(quietResolved.getDouble("recoveryThreshold")).isEqualTo(70.0);
    JsonPath middleFiring = body(about("/put", middle).get(0));
    JsonPath middleResolved = body(about("/put", middle).get(1));
    assertThat(middleResolved.getString("status")).isEqualTo("resolved");
    assertThat(middleResolved.getString("alertId")).isEqualTo(middleFiring.getString("alertId"));
    assertThat(middleResolved.getDouble("value")).isEqualTo(68.0);

    String highAlertId = body(about("/put", high).get(0)).getString("alertId");
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .until(() -> about("/put", high).size() == 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                activeAlertIds().contains(highAlertId)
                    && !activeAlertIds().contains(refired.getString("alertId"))
                    && !activeAlertIds().contains(middleFiring.getString("alertId")));
    assertThat(receiver.received("/put")).allMatch(Received::verified);
  }

  @Test
  void givenAPutThatDropsAFiringAlliance_thenItsAlertEnds_notActive_andNothingMoreIsSent() {
    String dropped = TestKafka.knownAlliance(registry, "DROP-D");
    String kept = TestKafka.knownAlliance(registry, "DROP-K");
    Api.Created sub =
        Api.subscribe(
            receiver, "/drop", List.of(dropped, kept), 60, Map.of("recoveryThreshold", 55));
    // a second subscriber on the dropped alliance shows when the engine has judged a record
    Api.subscribe(receiver, "/drop-witness", List.of(dropped), 60, Map.of("recoveryThreshold", 55));
    TestKafka.scores(dropped, 70);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                about("/drop", dropped).size() == 1 && about("/drop-witness", dropped).size() == 1);
    String droppedAlertId = body(about("/drop", dropped).get(0)).getString("alertId");
    String witnessAlertId = body(about("/drop-witness", dropped).get(0)).getString("alertId");
    await().atMost(Duration.ofSeconds(10)).until(() -> activeAlertIds().contains(droppedAlertId));

    Api.replace(receiver, "/drop", sub.id(), List.of(kept), 60, Map.of("recoveryThreshold", 55));

    // it no longer fires for this subscription; the witness's alert on the same alliance does
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                !activeAlertIds().contains(droppedAlertId)
                    && activeAlertIds().contains(witnessAlertId));

    TestKafka.scores(dropped, 50); // recovered: the witness resolves, the dropped one says nothing
    await().atMost(Duration.ofSeconds(20)).until(() -> about("/drop-witness", dropped).size() == 2);
    assertThat(body(about("/drop-witness", dropped).get(1)).getString("status"))
        .isEqualTo("resolved");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> about("/drop", dropped).size() == 1);

    // the kept alliance is still watched: its breach fires for this subscription
    TestKafka.scores(kept, 72);
    await().atMost(Duration.ofSeconds(20)).until(() -> about("/drop", kept).size() == 1);
    assertThat(body(about("/drop", kept).get(0)).getString("status")).isEqualTo("firing");

    // adding the recovered alliance back starts afresh: the ended alert does not come back
    Api.replace(
        receiver, "/drop", sub.id(), List.of(dropped, kept), 60, Map.of("recoveryThreshold", 55));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> !activeAlertIds().contains(droppedAlertId));
    assertThat(about("/drop", dropped)).hasSize(1);
  }
}
