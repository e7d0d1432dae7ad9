package io.alliancewatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.e2e.DashboardPage.Card;
import io.alliancewatch.e2e.DashboardPage.Score;
import io.alliancewatch.e2e.DashboardPage.ShownAlert;
import io.alliancewatch.e2e.DashboardPage.Snapshot;
import io.alliancewatch.e2e.system.Browser;
import io.alliancewatch.e2e.system.Http;
import io.alliancewatch.e2e.system.Http.Answer;
import io.alliancewatch.e2e.system.RunningSystem;
import io.alliancewatch.e2e.system.RunningSystemExtension;
import io.alliancewatch.e2e.system.WebhookReceiver;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard in a real browser against the running system: every alliance with its scores and
 * the events behind them, then a new incident whose score and alert reach the open page over the
 * streams, without a reload. Screenshots stay in {@code e2e/target/} for the record.
 */
@ExtendWith(RunningSystemExtension.class)
class DashboardBrowserIT {

  /** A member of each alliance (shared/data/alliances.json), for one event each. */
  private static final Map<String, String> MEMBER =
      Map.of("NATO", "POL", "AUKUS", "AUS", "QUAD", "IND", "ANZUS", "NZL", "CSTO", "KAZ");

  private static final List<String> ALLIANCES = List.of("NATO", "AUKUS", "QUAD", "ANZUS", "CSTO");
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Path TARGET =
      Path.of(System.getProperty("alliancewatch.root", "..")).resolve("e2e/target");

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void shouldShowEveryAllianceThenANewScoreAndAlertWithoutReloading(RunningSystem system) {
    // given a joint exercise reported in every alliance
    for (String alliance : ALLIANCES) {
      post(system, event("exercise-" + alliance, "JOINT_EXERCISE", alliance, MEMBER.get(alliance)));
    }

    try (WebhookReceiver receiver = WebhookReceiver.start();
        Browser browser = Browser.open(system.workDir().resolve("chromium-" + run), 1366, 900)) {
      DashboardPage page = new DashboardPage(browser);

      // when the dashboard opens
      browser.driver().get(system.scoring().url("/"));
      page.signIn(system.token("e2e-reader", Access.VIEWER));

      // then every alliance shows its scores, and the exercise among the events behind them
      Snapshot opened =
          await()
              .atMost(PATIENCE)
              .until(
                  page::read,
                  shown ->
                      ALLIANCES.stream()
                          .allMatch(
                              alliance ->
                                  shown.cards().containsKey(alliance)
                                      && shown
                                          .cards()
                                          .get(alliance)
                                          .driver(id("exercise-" + alliance))
                                          .isPresent()));
      assertThat(opened.scoresState()).isEqualTo("live");
      // each named as the registry names it (ingest's GET /api/alliances, seeded from
      // shared/data/alliances.json), once the page has read the registry
      Map<String, String> registered = registeredNames(system);
      Snapshot named =
          await()
              .atMost(PATIENCE)
              .until(
                  page::read,
                  shown ->
                      ALLIANCES.stream().allMatch(a -> !shown.cards().get(a).name().isEmpty()));
      for (String alliance : ALLIANCES) {
        assertThat(named.cards().get(alliance).name())
            .as(alliance)
            .isNotEmpty()
            .isEqualTo(registered.get(alliance));
      }
      for (String alliance : ALLIANCES) {
        Card card = opened.cards().get(alliance);
        assertShown(card.cohesion());
        assertShown(card.risk());
        // beta 0.20 x severity 1, a minute old: it raises cohesion by 0.20 in log-odds
        assertThat(card.driver(id("exercise-" + alliance)).orElseThrow().effect())
            .as(alliance)
            .isEqualTo("+0.20");
      }
      page.mark(run);

      // and given a subscriber to AUKUS's risk, halfway between where it stands and where a
      // military incident (+0.60 in log-odds) takes it
      double riskBefore = opened.cards().get("AUKUS").risk().value();
      double threshold = (riskBefore + withLogOdds(riskBefore, 0.60)) / 2;
      subscribe(system, receiver, threshold);

      // when a military incident is reported in AUKUS
      post(system, event("incident-AUKUS", "MILITARY_INCIDENT", "AUKUS", "AUS"));

      // then the subscriber is told it fires
      JsonNode firing =
          await()
              .atMost(PATIENCE)
              .until(
                  () ->
                      receiver.notifications().stream()
                          .filter(n -> n.path("status").asText().equals("firing"))
                          .findFirst(),
                  found -> found.isPresent())
              .orElseThrow();
      assertThat(firing.path("allianceId").asText()).isEqualTo("AUKUS");
      double riskAfter = firing.path("value").asDouble();
      assertThat(riskAfter).isGreaterThan(threshold);

      // and the open page shows the new risk, its driver and the alert, without a reload
      String alertId = firing.path("alertId").asText();
      Snapshot updated =
          await()
              .atMost(PATIENCE)
              .until(
                  page::read,
                  shown -> shown.alerts().stream().anyMatch(a -> a.alertId().equals(alertId)));
      Card aukus = updated.cards().get("AUKUS");
      assertShown(aukus.risk());
      assertThat(aukus.risk().value()).isCloseTo(riskAfter, within(0.01));
      assertThat(aukus.driver(id("incident-AUKUS")).orElseThrow().effect()).isEqualTo("+0.60");
      assertThat(aukus.alerting()).isTrue();
      assertThat(updated.cards().get("QUAD").alerting()).isFalse();
      ShownAlert shown =
          updated.alerts().stream()
              .filter(a -> a.alertId().equals(alertId))
              .findFirst()
              .orElseThrow();
      assertThat(shown.allianceId()).isEqualTo("AUKUS");
      assertThat(shown.text()).contains("risk").contains(score(riskAfter));
      assertThat(updated.alertsState()).isEqualTo("live");
      assertThat(page.mark()).isEqualTo(run);

      // and the page reads on a laptop and on a phone, where nothing scrolls sideways
      browser.fullPageScreenshot(TARGET.resolve("dashboard.png"), 1366);
      browser.emulatePhone(390, 844);
      assertThat(page.fitsTheWindow()).isTrue();
      browser.screenshot(TARGET.resolve("dashboard-phone.png"));
    }
  }

  @Test
  void shouldSayWhenItCannotReachTheServicesAndTheScoresMayBeStale(RunningSystem system) {
    // given an alliance with a score
    post(system, event("exercise-ANZUS", "JOINT_EXERCISE", "ANZUS", "NZL"));

    try (Browser browser = Browser.open(system.workDir().resolve("chromium-" + run), 1366, 900)) {
      DashboardPage page = new DashboardPage(browser);
      // and a browser that reaches neither the alert service nor the score stream
      browser.block("*://localhost:" + system.alerts().port() + "/*", "*/api/scores/stream*");

      // when the dashboard opens
      browser.driver().get(system.scoring().url("/"));
      page.signIn(system.token("e2e-reader", Access.VIEWER));

      // then it shows the scores as they stand, marked as not live, and says it knows no alert
      Snapshot shown =
          await()
              .atMost(PATIENCE)
              .until(
                  page::read,
                  now ->
                      now.cards().containsKey("ANZUS")
                          && now.scoresState().equals("down")
                          && now.alertsState().equals("down"));
      assertThat(shown.cards().get("ANZUS").stale()).isTrue();
      assertShown(shown.cards().get("ANZUS").risk());
      assertThat(shown.scoresStatus()).isEqualTo("Scores: cannot be reached, retrying");
      assertThat(shown.alertsStatus()).isEqualTo("Alerts: cannot be reached, retrying");
      assertThat(shown.alertsNote())
          .isEqualTo(
              "The alert service (http://localhost:"
                  + system.alerts().port()
                  + ") cannot be reached: no alert is known.");
      browser.fullPageScreenshot(TARGET.resolve("dashboard-unreachable.png"), 1366);
    }
  }

  @Test
  void shouldSayWhenTheAlertServiceStopsAndWhenItIsBackWithoutReloading(RunningSystem system)
      throws Exception {
    // given an alliance with a score
    post(system, event("exercise-NATO", "JOINT_EXERCISE", "NATO", "POL"));

    try (Browser browser = Browser.open(system.workDir().resolve("chromium-" + run), 1366, 900)) {
      DashboardPage page = new DashboardPage(browser);
      // and the dashboard open, both services live
      browser.driver().get(system.scoring().url("/"));
      page.signIn(system.token("e2e-reader", Access.VIEWER));
      Snapshot live =
          await()
              .atMost(PATIENCE)
              .until(
                  page::read,
                  now ->
                      now.cards().containsKey("NATO")
                          && now.scoresState().equals("live")
                          && now.alertsState().equals("live"));
      page.mark(run);

      try {
        // when the alert service's process stops
        system.stopAlerts();

        // then the open page says the alert service stopped answering, and marks what it knew
        // of the alerts as possibly out of date; the scores stay live
        Snapshot lost =
            await()
                .atMost(PATIENCE)
                .until(page::read, now -> now.alertsState().equals("reconnecting"));
        String when = "(just now|\\d+ min ago)";
        assertThat(lost.alertsStatus())
            .matches(
                "Alerts: connection lost " + when + ", retrying; showing the last data received");
        assertThat(lost.alertsStale()).isTrue();
        // the alerts it knew stay shown (other tests of the run may have left one firing)
        assertThat(lost.alerts()).isEqualTo(live.alerts());
        if (lost.alerts().isEmpty()) {
          assertThat(lost.alertsNote())
              .matches(
                  "The alert service \\(http://localhost:"
                      + system.alerts().port()
                      + "\\) stopped answering "
                      + when
                      + ": no alert was firing then\\.");
        } else {
          assertThat(lost.alertsNote()).isNull();
        }
        assertThat(lost.scoresState()).isEqualTo("live");
        assertThat(lost.cards().get("NATO").stale()).isFalse();
        assertThat(page.mark()).as("the page was not reloaded").isEqualTo(run);
        browser.fullPageScreenshot(TARGET.resolve("dashboard-alerts-stopped.png"), 1366);

        // when the alert service runs again
        system.startAlerts();

        // then the same page is live again
        Snapshot back =
            await().atMost(PATIENCE).until(page::read, now -> now.alertsState().equals("live"));
        assertThat(back.alertsStatus()).isEqualTo("Alerts: live");
        assertThat(back.alertsStale()).isFalse();
        assertThat(page.mark()).as("the page was not reloaded").isEqualTo(run);
      } finally {
        // the other tests share the system
        system.startAlerts();
      }
    }
  }

  @Test
  void signedOutItShowsOnlyTheSignInPage_signedInScoresAndAlertsStreamLive_signedOutTheStreamsClose(
      RunningSystem system) {
    post(system, event("exercise-QUAD", "JOINT_EXERCISE", "QUAD", "IND"));
    double scoreStreams = gauge(system.scoring().url("/q/metrics"), "scoring_stream_clients");
    double alertStreams = gauge(system.alerts().url("/q/metrics"), "alerts_stream_clients");

    try (Browser browser = Browser.open(system.workDir().resolve("chromium-" + run), 1366, 900)) {
      DashboardPage page = new DashboardPage(browser);
      // signed out: the sign-in page, and no data
      browser.driver().get(system.scoring().url("/"));
      await().atMost(PATIENCE).until(page::signInShown);
      assertThat(page.read().cards()).isEmpty();
      assertThat(page.dashboardShown()).isFalse();
      browser.screenshot(TARGET.resolve("dashboard-sign-in.png"));

      // a token that is not valid is refused, and says so
      page.submitToken("not-a-token");
      await().atMost(PATIENCE).until(() -> page.signInError().startsWith("Not signed in"));
      assertThat(page.dashboardShown()).isFalse();

      // signed in: scores and alerts stream live; the token is out of the page's reach
      page.signIn(system.token("analyst-anna", Access.VIEWER));
      Snapshot live =
          await()
              .atMost(PATIENCE)
              .until(
                  page::read,
                  now ->
                      now.cards().containsKey("QUAD")
                          && now.scoresState().equals("live")
                          && now.alertsState().equals("live"));
      assertThat(live.cards().get("QUAD").driver(id("exercise-QUAD"))).isPresent();
      assertThat(page.signedInAs()).startsWith("analyst-anna");
      assertThat(browser.script("return document.cookie")).as("HttpOnly").isEqualTo("");
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  gauge(system.scoring().url("/q/metrics"), "scoring_stream_clients")
                          == scoreStreams + 1
                      && gauge(system.alerts().url("/q/metrics"), "alerts_stream_clients")
                          == alertStreams + 1);

      // signed out: the sign-in page again, and both streams closed
      page.signOut();
      await().atMost(PATIENCE).until(page::signInShown);
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  gauge(system.scoring().url("/q/metrics"), "scoring_stream_clients")
                          == scoreStreams
                      && gauge(system.alerts().url("/q/metrics"), "alerts_stream_clients")
                          == alertStreams);
      assertThat(page.read().cards()).isEmpty();
    }
  }

  /** A gauge's value as a service's Prometheus page shows it. */
  private static double gauge(String metricsUrl, String name) {
    Answer answer = Http.getText(metricsUrl);
    assertThat(answer.status()).as("metrics: %s", answer).isEqualTo(200);
    return answer
        .body()
        .lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** The registry's name of each alliance, as ingest (which keeps the registry) answers it. */
  private static Map<String, String> registeredNames(RunningSystem system) {
    Answer answer = Http.get(system.ingest().url("/api/alliances"));
    assertThat(answer.status()).as("registry: %s", answer).isEqualTo(200);
    Map<String, String> names = new HashMap<>();
    answer.json().forEach(a -> names.put(a.path("id").asText(), a.path("name").asText()));
    return names;
  }

  private String id(String name) {
    return name + "-" + run;
  }

  private Map<String, Object> event(String name, String type, String alliance, String country) {
    return Map.of(
        "id",
        id(name),
        "source",
        "e2e",
        "type",
        type,
        "allianceId",
        alliance,
        "country",
        country,
        "severity",
        1.0,
        "occurredAt",
        Instant.now().minus(1, ChronoUnit.MINUTES).toString(),
        "summary",
        "Dashboard browser test: " + type + " in " + alliance);
  }

  private static void post(RunningSystem system, Map<String, Object> event) {
    Answer answer = Http.postJson(system.ingest().url("/api/indicators"), event);
    assertThat(answer.status()).as("ingest: %s", answer).isEqualTo(202);
  }

  /** Subscribes the receiver; retried while the alert service has not read the registry yet. */
  private static void subscribe(RunningSystem system, WebhookReceiver receiver, double threshold) {
    Map<String, Object> subscription =
        Map.of(
            "name",
            "dashboard browser test",
            "alliances",
            List.of("AUKUS"),
            "metric",
            "risk",
            "condition",
            "above",
            "threshold",
            threshold,
            "webhook",
            Map.of("url", receiver.url()));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Answer answer =
                  Http.postJson(system.alerts().url("/api/subscriptions"), subscription);
              assertThat(answer.status()).as("subscription: %s", answer).isEqualTo(201);
            });
  }

  /** A score (0..100) after {@code logOdds} more in its sigmoid (scoring.md section 4). */
  private static double withLogOdds(double score, double logOdds) {
    double z = Math.log(score / (100 - score)) + logOdds;
    return 100 / (1 + Math.exp(-z));
  }

  /** A score's text is its value to one decimal. */
  private static void assertShown(Score score) {
    assertThat(score.text()).isEqualTo(score(score.value()));
  }

  /** One decimal, rounded from the exact binary value as JavaScript's toFixed(1) does. */
  private static String score(double value) {
    return new BigDecimal(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }
}
