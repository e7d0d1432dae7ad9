package io.alliancewatch.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NDJSON bulk: each line stands alone; good lines are written, bad lines reported by number. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class NdjsonIT {

  private static final String INDICATORS = "alliance.indicators";

  @BeforeEach
  void ready() {
    Readiness.awaitReady();
  }

  @Test
  void shouldWriteExactlyTheGoodLinesAndReportTheBadOnesByLineNumber() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    String body =
        String.join(
                "\n",
                Events.tension("DEU", "NATO").toString(),
                "{ not json",
                "",
                Events.tension("FRA", "NATO").put("severity", 3).toString(),
                Events.tension("FRA", "NATO").toString(),
                "[]")
            + "\n";

    given()
        .contentType("application/x-ndjson")
        .body(body)
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(2))
        .body("rejected", equalTo(3))
        .body("errors.line", contains(2, 4, 6))
        .body("errors[1].pointer", equalTo("/severity"));

    List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.recordsAfter(INDICATORS, before, 2);
    assertThat(records).hasSize(2);
    assertThat(records)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .allMatch(v -> v.contains("\"severity\":0.6"));
  }

  @Test
  void shouldAnswerZeroAndZeroForAnEmptyBody() {
    given()
        .contentType("application/x-ndjson")
        .body("")
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(0))
        .body("rejected", equalTo(0));
  }

  @Test
  void shouldReportALineLongerThanTheLineLimitAsABadLine() {
    String longLine = "{\"summary\":\"" + "x".repeat(1_100_000) + "\"}";
    given()
        .contentType("application/x-ndjson")
        .body(Events.tension("DEU", "NATO") + "\n" + longLine + "\n")
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(1))
        .body("rejected", equalTo(1))
        .body("errors[0].line", equalTo(2));
  }

  @Test
  void shouldTakeAByteOrderMarkOnlyAtTheStartOfTheBody() {
    Map<TopicPartition, Long> before = KafkaTopics.endOffsets(INDICATORS);
    long total = KafkaTopics.total(before);
    String body =
        "\uFEFF"
            + Events.tension("DEU", "NATO")
            + "\n\uFEFF"
            + Events.tension("FRA", "NATO")
            + "\n"
            + Events.tension("ITA", "NATO")
            + "\n";

    given()
        .contentType("application/x-ndjson")
        .body(body.getBytes(StandardCharsets.UTF_8))
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(200)
        .body("accepted", equalTo(2))
        .body("rejected", equalTo(1))
        .body("errors[0].line", equalTo(2))
        .body("errors[0].message", org.hamcrest.Matchers.containsString("byte order mark"));

    assertThat(KafkaTopics.recordsAfter(INDICATORS, before, 2)).hasSize(2);
    assertThat(KafkaTopics.total(KafkaTopics.endOffsets(INDICATORS))).isEqualTo(total + 2);
  }
}
