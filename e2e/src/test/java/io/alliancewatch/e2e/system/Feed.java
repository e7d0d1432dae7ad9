package io.alliancewatch.e2e.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the end-to-end tests do as a feeder and a reader: an alliance of their own (so no other test
 * moves its scores), indicator events posted to ingest, the alliance's event count read from
 * scoring, and the notifications a receiver got, each once.
 */
public final class Feed {

  private Feed() {}

  /** Registers a new two-member alliance {@code prefix-XXXXXXXX} and returns its id. */
  public static String newAlliance(Deployment system, String prefix) {
    String alliance = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    Http.Answer created =
        Http.putJson(
            system.ingestUrl("/api/alliances/" + alliance),
            "{\"name\":\"Test alliance\",\"members\":[\"FRA\",\"DEU\"],"
                + "\"guidelinePctGdp\":null}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return alliance;
  }

  /** {@code count} events of {@code type}, ids {@code <alliance>-<prefix><i>}, a minute old. */
  public static ArrayNode events(
      String alliance, String prefix, String type, String country, int count) {
    String at = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
    ArrayNode events = Http.JSON.createArrayNode();
    for (int i = 0; i < count; i++) {
      ObjectNode event = events.addObject();
      event.put("id", alliance + "-" + prefix + i);
      event.put("source", "analyst");
      event.put("type", type);
      event.put("allianceId", alliance);
      event.put("country", country);
      event.put("severity", 1);
      event.put("confidence", 1);
      event.put("occurredAt", at);
    }
    return events;
  }

  /** Posts a JSON batch to ingest and returns the status (-1 when ingest does not answer). */
  public static int post(Deployment system, ArrayNode events) {
    try {
      return Http.postJson(system.ingestUrl("/api/indicators"), events.toString()).status();
    } catch (RuntimeException notListening) {
      return -1;
    }
  }

  /** The alliance's latest eventCount, or -1 while scoring cannot say (not running, no score). */
  public static long eventCount(Deployment system, String alliance) {
    try {
      Http.Answer answer = Http.get(system.scoringUrl("/api/alliances/" + alliance + "/score"));
      return answer.status() == 200 ? answer.json().path("eventCount").asLong() : -1;
    } catch (RuntimeException notListening) {
      return -1;
    }
  }

  /**
   * Waits until the alliance's eventCount is {@code expected}, and checks that it stays so for 3 s
   * (nothing counted twice arrives late).
   */
  public static void awaitCountedOnce(
      Deployment system, String alliance, long expected, Duration patience) {
    await().atMost(patience).until(() -> eventCount(system, alliance) == expected);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> eventCount(system, alliance) == expected);
  }

  /** The notifications received, each once (by its notificationId), in arrival order. */
  public static List<JsonNode> distinct(WebhookReceiver receiver) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    receiver.notifications().forEach(n -> byId.putIfAbsent(n.path("notificationId").asText(), n));
    return List.copyOf(byId.values());
  }

  /**
   * Subscribes {@code receiver} to the alliance's cohesion falling below 70 (recovering at 75) and
   * returns the subscription's id.
   */
  public static String watchCohesion(Deployment system, String alliance, WebhookReceiver receiver) {
    return subscribeToCohesion(system, alliance, receiver).path("id").asText();
  }

  /**
   * As {@link #watchCohesion}, returning the subscription as created (its webhook's secret too).
   */
  public static JsonNode subscribeToCohesion(
      Deployment system, String alliance, WebhookReceiver receiver) {
    Http.Answer subscription =
        Http.postJson(
            system.alertsUrl("/api/subscriptions"),
            "{\"name\":\"fault watch\",\"alliances\":[\""
                + alliance
                + "\"],\"metric\":\"cohesion\",\"condition\":\"below\",\"threshold\":70,"
                + "\"recoveryThreshold\":75,\"webhook\":{\"url\":\""
                + receiver.url()
                + "\"}}");
    assertThat(subscription.status()).as(subscription.toString()).isEqualTo(201);
    return subscription.json();
  }
}
