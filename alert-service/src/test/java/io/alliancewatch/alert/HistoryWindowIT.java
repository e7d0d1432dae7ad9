package io.alliancewatch.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.support.Api;
import io.alliancewatch.alert.support.TestKafka;
import io.alliancewatch.alert.support.WebhookReceiver;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The in-memory history keeps the newest {@code alerts.history.max-kept} notifications only. */
@QuarkusTest
@TestProfile(HistoryWindowIT.KeepTwo.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class HistoryWindowIT {

  /** Two notifications kept. */
  public static class KeepTwo implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("alerts.history.max-kept", "2");
    }
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

  private String knownAlliance(String prefix) {
    String id = TestKafka.newAlliance(prefix);
    await().atMost(Duration.ofSeconds(10)).until(() -> registry.knows(id));
    return id;
  }

  private static List<String> listedAlliances() {
    return given()
        .queryParam("limit", 1000)
        .get("/api/alerts")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("allianceId", String.class);
  }

  @Test
  void givenMoreNotificationsThanKept_thenTheNewestAreListed_andActiveStillKnowsTheOldest() {
    List<String> alliances =
        List.of(knownAlliance("WIN-A"), knownAlliance("WIN-B"), knownAlliance("WIN-C"));
    Api.subscribe(receiver, "/window", alliances, 60, Map.of());
    for (String alliance : alliances) { // one after the other: the order of the history is known
      TestKafka.scores(alliance, 70);
      await().atMost(Duration.ofSeconds(20)).until(() -> listedAlliances().contains(alliance));
    }

    List<String> listed = listedAlliances();
    assertThat(listed).hasSize(2).containsExactly(alliances.get(2), alliances.get(1));
    // what fires now does not depend on the window
    assertThat(
            given()
                .get("/api/alerts/active")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("allianceId", String.class))
        .containsAll(alliances);
  }
}
