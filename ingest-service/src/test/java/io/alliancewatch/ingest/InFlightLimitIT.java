package io.alliancewatch.ingest;

import static io.alliancewatch.issuer.testing.AccessMatrix.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.issuer.testing.TestTokens;
import io.alliancewatch.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Past {@code ingest.limits.in-flight-requests} POSTs in progress, one more is shed with 503 and
 * Retry-After, before any of it is read, and nothing of it is written; the ones in progress finish
 * as usual and the next request after them is taken.
 */
@QuarkusTest
@TestProfile(InFlightLimitIT.TwoAtOnce.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class InFlightLimitIT {

  public static class TwoAtOnce implements QuarkusTestProfile {
    @Override
    public java.util.Map<String, String> getConfigOverrides() {
      return java.util.Map.of("ingest.limits.in-flight-requests", "2");
    }
  }

  private static final String INDICATORS = "alliance.indicators";
  private static final int LINES = 400;

  @TestHTTPResource("/api/indicators")
  URI indicators;

  @Inject MeterRegistry registry;

  @BeforeEach
  void ready() {
    Readiness.awaitReady();
  }

  @Test
  void givenTheLimitInProgress_thenOneMoreIs503WithRetryAfter_andNothingOfItIsWritten()
      throws Exception {
    String feeder = TestTokens.feeder("steady-feeder", "analyst");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // two NDJSON uploads whose bodies stay open: each is in progress until its pipe is closed.
    // The resource is called once the start of a body has come (13 KiB were not enough here,
    // 130 KiB are), so each sends 400 lines first; they are written when the body ends (a chunk
    // is 500 lines), so nothing is written while they are held
    List<PipedOutputStream> pipes = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      PipedOutputStream pipe = new PipedOutputStream();
      PipedInputStream body = new PipedInputStream(pipe, 1024 * 1024);
      for (int line = 0; line < LINES; line++) {
        pipe.write((Events.tension("DEU", "NATO") + "\n").getBytes(StandardCharsets.UTF_8));
      }
      pipe.flush();
      pipes.add(pipe);
      held.add(
          http.sendAsync(
              HttpRequest.newBuilder(indicators)
                  .header("Authorization", "Bearer " + feeder)
                  .header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> registry.get("ingest.requests.in.flight").gauge().value() == 2.0);
    long before = KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS));
    double shedBefore = shed();

    Response refused =
        as(feeder)
            .contentType("application/json")
            .body(Events.tension("FRA", "NATO").toString())
            .post("/api/indicators");

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.jsonPath().getString("type")).endsWith("/overloaded");
    assertThat(refused.jsonPath().getString("detail")).contains("2 requests are in progress");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
    assertThat(shed()).isEqualTo(shedBefore + 1);
    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(before);

    // the two in progress end as usual, each with its lines
    for (PipedOutputStream pipe : pipes) {
      close(pipe);
    }
    for (CompletableFuture<HttpResponse<String>> answer : held) {
      HttpResponse<String> done = answer.get();
      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(done.body()).contains("\"accepted\":" + LINES);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> registry.get("ingest.requests.in.flight").gauge().value() == 0.0);
    as(feeder)
        .contentType("application/json")
        .body(Events.tension("FRA", "NATO").toString())
        .post("/api/indicators")
        .then()
        .statusCode(202);
    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS)))
        .isEqualTo(before + 2 * LINES + 1);
  }

  private double shed() {
    return registry.find("ingest.requests.rejected").tag("reason", "overloaded").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static void close(PipedOutputStream pipe) {
    try {
      pipe.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
