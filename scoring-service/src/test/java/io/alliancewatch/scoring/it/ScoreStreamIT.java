package io.alliancewatch.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.kafka.KafkaTestResource;
import io.alliancewatch.scoring.testdata.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/scores/stream} against a real broker (scoring.md section 9). */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class ScoreStreamIT {

  @TestHTTPResource("/api/scores/stream")
  URI stream;

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private CompletableFuture<HttpResponse<Stream<String>>> connection;

  @BeforeAll
  static void topics() throws Exception {
    Viewer.signIn();
    Broker.ensureTopics();
  }

  @AfterEach
  void disconnect() {
    if (connection != null) {
      connection.thenAccept(response -> response.body().close());
      connection.cancel(true);
    }
  }

  private void connect(String query) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stream + query))
            .header("Accept", "text/event-stream")
            .header("Authorization", Viewer.authorization())
            .build();
    connection = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    connection.thenAccept(
        response -> {
          lines.add("status:" + response.statusCode());
          response.body().forEach(lines::add);
        });
  }

  /** The score events received so far, as (id, record). */
  private List<Event> events() {
    List<Event> events = new ArrayList<>();
    String name = null;
    String id = null;
    for (String line : List.copyOf(lines)) {
      // the lines exactly as scoring.md shows them: "event: score", a space after each colon
      if (line.startsWith("event: ")) {
        name = line.substring("event: ".length());
      } else if (line.startsWith("id: ")) {
        id = line.substring("id: ".length());
      } else if (line.startsWith("data: ") && "score".equals(name)) {
        try {
          events.add(
              new Event(
                  id,
                  Json.mapper().readValue(line.substring("data: ".length()), ScoreRecord.class)));
        } catch (java.io.IOException e) {
          throw new AssertionError("unreadable data line " + line, e);
        }
      } else if (line.isEmpty()) {
        name = null;
        id = null;
      }
    }
    return events;
  }

  private record Event(String id, ScoreRecord record) {}

  @Test
  void
      givenScoredAlliances_whenAClientConnectsForTwoOfThem_thenTheirLatestRecordsThenLiveOnesAndNoOthers()
          throws Exception {
    String watched = ScoringServiceIT.freshAlliance();
    String alsoWatched = ScoringServiceIT.freshAlliance();
    String ignored = ScoringServiceIT.freshAlliance();
    List<ScoreRecord> before = new ArrayList<>();
    for (String alliance : List.of(watched, alsoWatched, ignored)) {
      Broker.publish(alliance, TestData.aukusExample().get(0));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> !Broker.scoresOf(alsoWatched).isEmpty() && !Broker.scoresOf(watched).isEmpty());

    connect("?alliance=" + watched + "&alliance=" + alsoWatched);

    await().atMost(Duration.ofSeconds(30)).until(() -> events().size() >= 2);
    assertThat(events())
        .extracting(e -> e.record().allianceId())
        .containsExactly(List.of(watched, alsoWatched).stream().sorted().toArray(String[]::new));
    assertThat(lines).contains("status:200");

    Broker.publish(watched, TestData.aukusExample().get(1));
    Broker.publish(ignored, TestData.aukusExample().get(1));

    await().atMost(Duration.ofSeconds(30)).until(() -> events().size() >= 3);
    Event live = events().get(2);
    assertThat(live.record().allianceId()).isEqualTo(watched);
    assertThat(live.record().eventCount()).isEqualTo(2);
    assertThat(live.id()).matches("[0-9]+-[0-9]+");
    assertThat(events()).extracting(e -> e.record().allianceId()).doesNotContain(ignored);
  }

  @Test
  void givenAnAllianceWithoutEvents_whenAClientConnectsForIt_thenItGets80And20WithoutAnId()
      throws Exception {
    String quiet = ScoringServiceIT.freshAlliance();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                io.restassured.RestAssured.given()
                    .get("/api/scores/{id}", quiet)
                    .then()
                    .statusCode(200));

    connect("?alliance=" + quiet);

    // scoring.md section 9: "on connect, the latest record of every alliance"; one without events
    // has none on the topic, so it gets the record REST answers for it
    await().atMost(Duration.ofSeconds(30)).until(() -> events().size() >= 1);
    Event first = events().get(0);
    assertThat(first.record().allianceId()).isEqualTo(quiet);
    assertThat(first.record().cohesion())
        .isEqualTo(80.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(first.record().risk()).isEqualTo(20.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(first.record().eventCount()).isZero();
    assertThat(first.id()).isNull();
  }

  @Test
  void givenAnIdleStream_thenACommentLineKeepsItOpen() {
    connect("?alliance=NO-SUCH-ALLIANCE");

    // the test profile sets scoring.stream.keepalive=1s (default 15s)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines.stream().anyMatch(l -> l.startsWith(":")));
    assertThat(events()).isEmpty();
  }
}
