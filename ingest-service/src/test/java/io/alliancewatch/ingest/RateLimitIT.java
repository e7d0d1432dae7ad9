package io.alliancewatch.ingest;

import static io.alliancewatch.issuer.testing.AccessMatrix.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.issuer.testing.TestTokens;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-caller rate limit (security.md): past its burst a caller gets 429 problem+json with
 * Retry-After and nothing of the request is written; another caller is not slowed by it.
 */
@QuarkusTest
@TestProfile(RateLimitIT.Tight.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class RateLimitIT {

  /** Three requests at once, then one a second: the fourth of a quick burst is refused. */
  public static class Tight implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "alliancewatch.rate-limit.burst", "3",
          "alliancewatch.rate-limit.requests-per-second", "1");
    }
  }

  @BeforeEach
  void ready() {
    Readiness.awaitReady();
  }

  @Test
  void pastItsBurstACallerGets429WithRetryAfterAndNothingIsWritten() {
    String hasty = TestTokens.feeder("hasty-feeder", "analyst");
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets("alliance.indicators");
    Response refused = null;
    int accepted = 0;
    long started = System.nanoTime();
    for (int i = 0; i < 10 && refused == null; i++) {
      Response answer =
          as(hasty)
              .contentType("application/json")
              .body(Events.tension("DEU", "NATO").toString())
              .post("/api/indicators");
      if (answer.statusCode() == 429) {
        refused = answer;
      } else {
        assertThat(answer.statusCode()).isEqualTo(202);
        accepted++;
      }
    }
    assertThat(refused).as("a 429 within ten quick requests").isNotNull();
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    // the burst of 3, and the one a second refilled while the requests were made
    assertThat(accepted).isBetween(3, 3 + (int) seconds + 1);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
    assertThat(refused.jsonPath().getList("errors")).isNotEmpty();
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 100L);
    assertThat(KafkaTopics.total(KafkaTopics.endOffsets("alliance.indicators")))
        .as("only the accepted ones were written")
        .isEqualTo(KafkaTopics.total(before) + accepted);

    // another caller has its own allowance
    as(TestTokens.feeder("patient-feeder", "analyst"))
        .contentType("application/json")
        .body(Events.tension("DEU", "NATO").toString())
        .post("/api/indicators")
        .then()
        .statusCode(202);
  }
}
