package io.alliancewatch.e2e;

import static io.alliancewatch.e2e.system.Feed.awaitCountedOnce;
import static io.alliancewatch.e2e.system.Feed.events;
import static io.alliancewatch.e2e.system.Feed.newAlliance;
import static io.alliancewatch.e2e.system.Feed.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.e2e.system.ComposeStack;
import io.alliancewatch.e2e.system.EventStream;
import io.alliancewatch.e2e.system.Feed;
import io.alliancewatch.e2e.system.Http;
import io.alliancewatch.e2e.system.WebhookReceiver;
import io.alliancewatch.issuer.LocalIssuer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * docker-compose.yml started for real on the images deploy/build-images made: three KRaft brokers
 * with SASL and ACLs, the three services, Prometheus. Every service becomes healthy, an event
 * posted through the published port becomes a score on the SSE stream and a signed webhook at a
 * receiver on this machine, Prometheus scrapes every target, and a broker container killed during a
 * stream loses nothing acknowledged. Not part of {@code ./mvnw verify} (it needs a Docker engine
 * and the images): deploy/compose-smoke runs it, and .ci/run runs that.
 */
@TestMethodOrder(OrderAnnotation.class)
class ComposeSmokeIT {

  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final Path ROOT = Path.of(System.getProperty("alliancewatch.root", ".."));

  private static ComposeStack stack;
  private static LocalIssuer issuer;
  private static long upMillis;
  private static long healthyMillis;
  private static WebhookReceiver receiver;

  @BeforeAll
  static void up() throws IOException {
    // this run's own issuer: its public key is what the containers verify tokens with
    Path keys = ROOT.resolve("e2e/target/compose-keys-" + ProcessHandle.current().pid());
    issuer = LocalIssuer.in(keys);
    Files.writeString(
        keys.resolve("prometheus.token"),
        issuer.token("prometheus", List.of(Access.VIEWER), List.of(), Duration.ofHours(2)));
    Http.useToken(
        issuer.token("smoke-admin", List.of(Access.ADMIN), List.of(), Duration.ofHours(2)));
    // a subscriber's receiver on this machine, where containers reach it (host.docker.internal)
    String gateway = ComposeStack.bridgeGateway();
    receiver = WebhookReceiver.start(InetAddress.getByName(gateway), "host.docker.internal");

    long start = System.nanoTime();
    stack =
        ComposeStack.up(
            ROOT,
            "alliance-watch-smoke-" + ProcessHandle.current().pid(),
            keys,
            // the receiver's address is a private one (Docker's bridge)
            Map.of("ALERTS_WEBHOOK_ALLOW_PRIVATE", "true"));
    upMillis = (System.nanoTime() - start) / 1_000_000;
    try {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  List.of("ingest-service", "scoring-service", "alert-service").stream()
                      .allMatch(service -> stack.health(service).equals("healthy")));
    } catch (RuntimeException notHealthy) {
      for (String service : List.of("ingest-service", "scoring-service", "alert-service")) {
        System.out.println(service + ": " + stack.health(service) + "\n" + stack.logs(service));
      }
      throw notHealthy;
    }
    healthyMillis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "compose: up returned after %d ms, every service healthy after %d ms%n",
        upMillis, healthyMillis);
  }

  @AfterAll
  static void down() {
    if (receiver != null) {
      receiver.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void anEventPostedThroughThePublishedPortBecomesAScoreOnTheStreamAndASignedWebhook()
      throws Exception {
    String alliance = newAlliance(stack, "COMPOSE");
    JsonNode subscription = Feed.subscribeToCohesion(stack, alliance, receiver);
    String secret = subscription.path("webhook").path("secret").asText();

    BlockingQueue<JsonNode> scores = new LinkedBlockingQueue<>();
    HttpClient client = HttpClient.newHttpClient();
    var stream =
        client
            .sendAsync(
                HttpRequest.newBuilder(URI.create(stack.scoringUrl("/api/scores/stream")))
                    .header("Accept", "text/event-stream")
                    .header(
                        "Authorization",
                        "Bearer "
                            + issuer.token(
                                "smoke-viewer",
                                List.of(Access.VIEWER),
                                List.of(),
                                Duration.ofHours(1)))
                    .build(),
                HttpResponse.BodyHandlers.ofLines())
            .thenAccept(
                response ->
                    response
                        .body()
                        .filter(line -> line.startsWith("data:"))
                        .forEach(line -> scores.add(json(line.substring(5)))));
    try {
      // a feeder posts through ingest's published port, as the README's curl does
      long posted = System.nanoTime();
      assertThat(post(stack, events(alliance, "t", "POLITICAL_TENSION", "FRA", 5))).isEqualTo(202);

      // the score arrives on the dashboard's stream
      JsonNode score = null;
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (score == null && System.nanoTime() < deadline) {
        JsonNode record = scores.poll(1, TimeUnit.SECONDS);
        if (record != null
            && record.path("allianceId").asText().equals(alliance)
            && record.path("eventCount").asLong() == 5) {
          score = record;
        }
      }
      assertThat(score).as("a score of %s with the 5 events on the stream", alliance).isNotNull();
      System.out.printf(
          "compose: POST to score on the stream %d ms; first score %d ms after `up` began%n",
          (System.nanoTime() - posted) / 1_000_000,
          healthyMillis + (System.nanoTime() - posted) / 1_000_000);
      assertThat(score.path("cohesion").asDouble()).isLessThan(70);

      // and a signed webhook at the receiver on this machine
      try {
        await().atMost(PATIENCE).until(() -> !receiver.deliveries().isEmpty());
      } catch (RuntimeException noWebhook) {
        String id = subscription.path("id").asText();
        System.out.println(
            "deliveries of "
                + id
                + ": "
                + Http.get(stack.alertsUrl("/api/subscriptions/" + id + "/deliveries")));
        System.out.println("alert-service:\n" + stack.logs("alert-service"));
        throw noWebhook;
      }
      WebhookReceiver.Delivery firing = receiver.deliveries().get(0);
      assertThat(firing.json().path("status").asText()).isEqualTo("firing");
      assertThat(firing.json().path("allianceId").asText()).isEqualTo(alliance);
      assertThat(firing.verifiesWith(secret)).as("Standard Webhooks signature").isTrue();
      assertThat(firing.tampered().verifiesWith(secret)).isFalse();
    } finally {
      stream.cancel(true);
    }
  }

  @Test
  @Order(2)
  void prometheusScrapesEveryTargetWithItsToken() {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              JsonNode targets =
                  Http.get(stack.prometheusUrl("/api/v1/targets"))
                      .json()
                      .path("data")
                      .path("activeTargets");
              assertThat(targets).hasSize(4);
              assertThat(targets)
                  .allSatisfy(
                      target ->
                          assertThat(target.path("health").asText())
                              .as(
                                  "%s: %s",
                                  target.path("labels").path("job"), target.path("lastError"))
                              .isEqualTo("up"));
            });
  }

  @Test
  @Order(3)
  void givenABrokerContainerKilledDuringAStream_thenWritesGoOn_andNothingAcknowledgedIsLost()
      throws Exception {
    String alliance = newAlliance(stack, "KILLED");
    int accepted;
    long slowestAfterKill;
    try (EventStream stream = new EventStream(stack, alliance)) {
      await().atMost(PATIENCE).until(() -> stream.accepted() >= 20);
      stream.mark();
      stack.kill("kafka-2");
      // writes go on with two brokers of three (min ISR 2)
      await().atMost(PATIENCE).until(() -> stream.acceptedSinceMark() >= 40);
      slowestAfterKill = stream.mark();
      stack.start("kafka-2");
      await().atMost(PATIENCE).until(() -> stream.acceptedSinceMark() >= 20);
      stream.close();
      accepted = stream.accepted();
      System.out.printf(
          "compose: kafka-2 killed during a stream: %d batches accepted, %d refused and resent;"
              + " slowest POST after the kill %d ms%n",
          accepted, stream.refusals(), slowestAfterKill);
    }
    // every event acknowledged is counted, once (2 per batch)
    awaitCountedOnce(stack, alliance, 2L * accepted, PATIENCE);
    // the broker back, every partition of the services' topics in sync again
    try (Admin admin = stack.admin()) {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () ->
                  admin
                      .describeTopics(
                          List.of("alliance.indicators", "alliance.scores", "alert.notifications"))
                      .allTopicNames()
                      .get(30, TimeUnit.SECONDS)
                      .values()
                      .stream()
                      .map(TopicDescription::partitions)
                      .flatMap(List::stream)
                      .allMatch(p -> p.isr().size() == 3));
    }
    assertThat(List.of("ingest-service", "scoring-service", "alert-service"))
        .allSatisfy(service -> assertThat(stack.health(service)).isEqualTo("healthy"));
  }

  private static JsonNode json(String text) {
    try {
      return Http.JSON.readTree(text);
    } catch (IOException unreadable) {
      throw new IllegalStateException("not JSON on the stream: " + text, unreadable);
    }
  }
}
