package io.alliancewatch.e2e;

import static io.alliancewatch.e2e.system.Feed.awaitCountedOnce;
import static io.alliancewatch.e2e.system.Feed.distinct;
import static io.alliancewatch.e2e.system.Feed.eventCount;
import static io.alliancewatch.e2e.system.Feed.events;
import static io.alliancewatch.e2e.system.Feed.newAlliance;
import static io.alliancewatch.e2e.system.Feed.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.alliancewatch.e2e.system.Feed;
import io.alliancewatch.e2e.system.RunningSystem;
import io.alliancewatch.e2e.system.RunningSystemExtension;
import io.alliancewatch.e2e.system.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A service killed with {@code kill -9} (no shutdown hook, nothing flushed) and started again, as a
 * supervisor would: nothing accepted is lost and nothing is done twice. The services are the built
 * ones, run as processes, each with an alliance of its own here so that no other test moves its
 * scores. (How long each is gone is measured by bench/recovery.sh, not asserted.)
 */
@Order(2)
@ExtendWith(RunningSystemExtension.class)
class CrashRecoveryIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @Test
  void givenScoringKilledWhileEventsArrive_thenAfterItsRestartEveryEventIsCountedOnce(
      RunningSystem system) throws Exception {
    String alliance = newAlliance(system, "CRASH");
    assertThat(post(system, events(alliance, "before", "POLITICAL_TENSION", "FRA", 5)))
        .isEqualTo(202);
    await().atMost(PATIENCE).until(() -> eventCount(system, alliance) == 5);

    system.kill("scoring-service");
    // accepted by ingest while scoring is gone; the same five posted twice count once
    ArrayNode during = events(alliance, "during", "JOINT_EXERCISE", "DEU", 5);
    assertThat(post(system, during)).isEqualTo(202);
    assertThat(post(system, during)).isEqualTo(202);
    system.start("scoring-service");

    await().atMost(PATIENCE).until(() -> eventCount(system, alliance) == 10);
    assertThat(post(system, events(alliance, "after", "JOINT_EXERCISE", "DEU", 1))).isEqualTo(202);
    await().atMost(PATIENCE).until(() -> eventCount(system, alliance) == 11);
  }

  @Test
  void givenAlertsKilledWhileScoringRestarts_thenEveryEventCountsOnce_andTheAlertIsSentOnce(
      RunningSystem system) throws Exception {
    String alliance = newAlliance(system, "CRASH");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Feed.watchCohesion(system, alliance, receiver);
      assertThat(post(system, events(alliance, "e", "JOINT_EXERCISE", "DEU", 1))).isEqualTo(202);
      await().atMost(PATIENCE).until(() -> eventCount(system, alliance) == 1);

      system.kill("scoring-service");
      assertThat(post(system, events(alliance, "t", "POLITICAL_TENSION", "FRA", 5))).isEqualTo(202);
      // scoring starts again; while it does, alert-service dies, and more tensions arrive
      java.util.concurrent.CompletableFuture<Void> scoringBack =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  system.start("scoring-service");
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      system.kill("alert-service");
      assertThat(post(system, events(alliance, "u", "POLITICAL_TENSION", "FRA", 5))).isEqualTo(202);
      system.start("alert-service");
      scoringBack.get(5, java.util.concurrent.TimeUnit.MINUTES);

      // every event once; the tensions pulled cohesion below 70 once: one alert, sent once
      await().atMost(PATIENCE).until(() -> eventCount(system, alliance) == 11);
      await().atMost(PATIENCE).until(() -> distinct(receiver).size() >= 1);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> eventCount(system, alliance) == 11 && distinct(receiver).size() == 1);
      assertThat(distinct(receiver).get(0).path("status").asText()).isEqualTo("firing");
    }
  }

  @Test
  void givenIngestKilled_thenWhatItAcceptedIsCountedAndItTakesEventsAgainOnceBack(
      RunningSystem system) throws Exception {
    String alliance = newAlliance(system, "CRASH");
    // a 202 means in Kafka: what ingest accepted before it died is counted
    assertThat(post(system, events(alliance, "before", "POLITICAL_TENSION", "FRA", 5)))
        .isEqualTo(202);
    system.kill("ingest-service");
    system.start("ingest-service");
    // the registry (its own alliance among them) is read back from alliance.registry
    assertThat(post(system, events(alliance, "after", "JOINT_EXERCISE", "DEU", 5))).isEqualTo(202);
    await().atMost(PATIENCE).until(() -> eventCount(system, alliance) == 10);
  }

  @Test
  void givenTheBrokerKilledAndRestarted_thenTheServicesGoOnWithoutARestartAndLoseNothing(
      RunningSystem system) throws Exception {
    String alliance = newAlliance(system, "CRASH");
    assertThat(post(system, events(alliance, "before", "POLITICAL_TENSION", "FRA", 5)))
        .isEqualTo(202);
    await().atMost(PATIENCE).until(() -> eventCount(system, alliance) == 5);

    system.restartBroker();

    // a feeder resends until it gets a 202 (a 503 while the services reconnect); every event of
    // it counts once, however often it was sent
    ArrayNode after = events(alliance, "after", "JOINT_EXERCISE", "DEU", 5);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> post(system, after) == 202);
    await().atMost(PATIENCE).until(() -> eventCount(system, alliance) == 10);
    assertThat(system.ingest().isAlive()).isTrue();
    assertThat(system.scoring().isAlive()).isTrue();
    assertThat(system.alerts().isAlive()).isTrue();
  }

  @Test
  void givenSigtermDuringABurstOfPosts_thenEachIsAnsweredOrRefused_andEveryAcceptedEventCounts(
      RunningSystem system) throws Exception {
    String alliance = newAlliance(system, "CRASH");
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String token = system.token("burst-feeder", io.alliancewatch.contracts.security.Access.ADMIN);
    java.util.List<java.util.concurrent.CompletableFuture<Integer>> answers =
        new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      java.net.http.HttpRequest request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(system.ingest().url("/api/indicators")))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(60))
              .POST(
                  java.net.http.HttpRequest.BodyPublishers.ofString(
                      events(alliance, "burst" + i + "-", "JOINT_EXERCISE", "DEU", 10).toString()))
              .build();
      answers.add(
          http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.discarding())
              .thenApply(java.net.http.HttpResponse::statusCode)
              .exceptionally(failure -> -1)); // never reached ingest, or cut: refused
      if (i == 20) {
        system.stop("ingest-service"); // SIGTERM in the middle of the burst
      }
    }
    // every request ends: answered or refused, none left hanging
    java.util.concurrent.CompletableFuture.allOf(
            answers.toArray(new java.util.concurrent.CompletableFuture[0]))
        .get(2, java.util.concurrent.TimeUnit.MINUTES);
    java.util.List<Integer> statuses =
        answers.stream().map(java.util.concurrent.CompletableFuture::join).toList();
    assertThat(statuses).allMatch(status -> status == 202 || status == 503 || status == -1);
    long accepted = statuses.stream().filter(status -> status == 202).count();
    System.out.println(
        "SIGTERM during a burst: answers by status (-1: refused before an answer): "
            + statuses.stream()
                .collect(
                    java.util.stream.Collectors.groupingBy(
                        status -> status,
                        java.util.TreeMap::new,
                        java.util.stream.Collectors.counting())));
    assertThat(accepted).as("the posts before the SIGTERM").isGreaterThan(0);

    system.start("ingest-service");
    // exactly the accepted requests' events were written: 10 each
    awaitCountedOnce(system, alliance, 10L * accepted, PATIENCE);
  }

  @Test
  void givenAlertsKilledWhileAnAlertResolves_thenAfterItsRestartItResolvesOnceAndFiresNoMore(
      RunningSystem system) throws Exception {
    String alliance = newAlliance(system, "CRASH");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Feed.watchCohesion(system, alliance, receiver);

      // tensions pull the alliance apart: one "firing"
      assertThat(post(system, events(alliance, "t", "POLITICAL_TENSION", "FRA", 5))).isEqualTo(202);
      await().atMost(PATIENCE).until(() -> distinct(receiver).size() >= 1);
      JsonNode firing = distinct(receiver).get(0);
      assertThat(firing.path("status").asText()).isEqualTo("firing");

      // alert-service dies; exercises bind the alliance again while it is gone
      system.kill("alert-service");
      assertThat(post(system, events(alliance, "x", "JOINT_EXERCISE", "DEU", 10))).isEqualTo(202);
      system.start("alert-service");

      // the same alert resolves, once, and nothing else is sent (a notification delivered again
      // keeps its id, as Standard Webhooks' webhook-id, so receivers drop the copy: counted once)
      await().atMost(PATIENCE).until(() -> distinct(receiver).size() >= 2);
      JsonNode resolved = distinct(receiver).get(1);
      assertThat(resolved.path("status").asText()).isEqualTo("resolved");
      assertThat(resolved.path("alertId").asText()).isEqualTo(firing.path("alertId").asText());
      // a later record of the alliance (one more exercise) is judged by the restarted engine
      assertThat(post(system, events(alliance, "y", "JOINT_EXERCISE", "DEU", 1))).isEqualTo(202);
      await().atMost(PATIENCE).until(() -> eventCount(system, alliance) == 16);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> distinct(receiver).size() == 2);
    }
  }
}
