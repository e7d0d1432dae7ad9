package io.alliancewatch.scoring.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.kafka.KafkaTestResource;
import io.alliancewatch.scoring.api.Forwarder;
import io.alliancewatch.scoring.testdata.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several instances: queries forwarded to the owner, and states rebuilt from the log. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class MultiInstanceIT {

  private static final String AS_OF = "2026-03-24T12:00:00Z";

  @BeforeAll
  static void topics() throws Exception {
    Viewer.signIn();
    Broker.ensureTopics();
  }

  /** Alliance ids whose keys land on every one of the six partitions of alliance.indicators. */
  private static List<String> alliancesOnEveryPartition() throws Exception {
    Map<Integer, String> byPartition = new HashMap<>();
    String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    for (int i = 0; byPartition.size() < 6; i++) {
      String id = "MI-" + run + "-" + i;
      int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 6;
      byPartition.putIfAbsent(partition, id);
    }
    List<String> ids = new ArrayList<>(byPartition.values());
    for (String id : ids) {
      Broker.register(new Alliance(id, "test alliance", List.of("AUS", "GBR", "USA"), null));
      Broker.publish(id, TestData.aukusExample().get(1));
    }
    return ids;
  }

  @Test
  void givenASecondInstanceInTheGroup_whenTheFirstIsAskedForEveryAlliance_thenItForwardsToTheOwner()
      throws Exception {
    List<String> alliances = alliancesOnEveryPartition();
    String applicationId =
        ConfigProvider.getConfig().getValue("quarkus.kafka-streams.application-id", String.class);

    try (ServiceProcess second =
        ServiceProcess.start(
            "second-instance", Map.of("quarkus.kafka-streams.application-id", applicationId))) {
      String secondAddress = "localhost:" + second.port();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                Set<String> servedBy = new HashSet<>();
                for (String alliance : alliances) {
                  Response answer =
                      given().queryParam("asOf", AS_OF).get("/api/scores/{id}", alliance);
                  assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
                  assertThat(answer.jsonPath().getLong("eventCount")).isEqualTo(1);
                  servedBy.add(answer.header(Forwarder.SERVED_BY));
                  Response history = given().get("/api/alliances/{id}/history", alliance);
                  assertThat(history.statusCode()).as(history.asString()).isEqualTo(200);
                  assertThat(history.header(Forwarder.SERVED_BY))
                      .as("the history is kept where the scores are")
                      .isEqualTo(answer.header(Forwarder.SERVED_BY));
                  assertThat(history.jsonPath().getList("eventCount", Long.class))
                      .containsExactly(1L);
                }
                // the six partitions are shared between the two instances: some answers came from
                // the second
                assertThat(servedBy).hasSize(2).contains(secondAddress);
              });
    }
  }

  @Test
  void givenAnInstanceWithAFreshApplicationId_whenItStarts_thenItRebuildsTheSameStatesFromTheLog()
      throws Exception {
    String alliance = ScoringServiceIT.freshAlliance();
    for (var event : TestData.aukusExample()) {
      Broker.publish(alliance, event);
    }
    // the in-JVM instance may answer 503 while the group rebalances after the previous test
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(
                        given()
                            .queryParam("asOf", AS_OF)
                            .get("/api/scores/{id}", alliance)
                            .jsonPath()
                            .getLong("eventCount"))
                    .isEqualTo(3));
    ScoreRecord original =
        given().queryParam("asOf", AS_OF).get("/api/scores/{id}", alliance).as(ScoreRecord.class);

    // a new application id is what a new model version gets: an empty group that replays the log
    try (ServiceProcess rebuilt =
        ServiceProcess.start(
            "rebuild-instance",
            Map.of(
                "quarkus.kafka-streams.application-id", "scoring-rebuild-" + UUID.randomUUID(),
                "scoring.topics.scores", "alliance.scores.rebuild-" + UUID.randomUUID()))) {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                HttpResponse<String> answer =
                    rebuilt.get("/api/scores/" + alliance + "?asOf=" + AS_OF);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                ScoreRecord record = Json.mapper().readValue(answer.body(), ScoreRecord.class);
                assertThat(record).isEqualTo(original);
              });
    }
  }
}
