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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The in-memory history keeps the newest {@code alerts.history.max-kept} notifications only. */
@QuarkusTest
@TestProfile(HistoryWindowIT.KeepTwo.class)
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class HistoryWindowIT {

  @BeforeAll
  static void signIn() {
    Api.signInAsAdmin();
  }

  /** Two notifications kept. */
  public static class KeepTwo implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("alerts.history.max-kept", "2");
    }
  }

  @Inject RegistryView registry;

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
  void givenMoreNotificationsThanKept_thenTheNewestAreListed_andActiveStillKnowsTheOldest()
      throws Exception {
    List<String> alliances =
        List.of(
            TestKafka.knownAlliance(registry, "WIN-A"),
            TestKafka.knownAlliance(registry, "WIN-B"),
            TestKafka.knownAlliance(registry, "WIN-C"));
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      Api.subscribe(receiver, "/window", alliances, 60, Map.of());
      for (String alliance : alliances) { // one after the other: the history's order is known
        TestKafka.scores(alliance, 70);
        await().atMost(Duration.ofSeconds(20)).until(() -> listedAlliances().contains(alliance));
      }
    }

    List<String> listed = listedAlliances();
    assertThat(listed).hasSize(2).containsExactly(alliances.get(2), alliances.get(1));
    // what fires now does not depend on the window
    assertThat(Api.active("allianceId")).containsAll(alliances);
  }
}
