package io.alliancewatch.scoring.it;

import static io.alliancewatch.issuer.testing.AccessMatrix.CALLERS;
import static io.alliancewatch.issuer.testing.AccessMatrix.as;
import static io.alliancewatch.issuer.testing.AccessMatrix.check;
import static io.alliancewatch.issuer.testing.AccessMatrix.expect;
import static io.alliancewatch.issuer.testing.AccessMatrix.refusals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.issuer.testing.TestTokens;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * security.md for scoring-service: every endpoint against no token, an expired one, a wrong
 * signature, a wrong issuer and each role; the dashboard's sign-in keeps the token in an HttpOnly,
 * SameSite=Strict cookie that the score stream takes, and signing out clears it.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class AccessIT {

  @TestHTTPResource("/")
  URL root;

  @BeforeAll
  static void topics() throws Exception {
    Viewer.signIn();
    Broker.ensureTopics();
  }

  /** An alliance of the registry, once this instance can answer for it. */
  private static String queryableAlliance() throws Exception {
    String alliance = ScoringServiceIT.freshAlliance();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> as(TestTokens.viewer()).get("/api/scores/" + alliance).statusCode() == 200);
    return alliance;
  }

  @Test
  void theReadEndpointsAnswerViewersSubscribersAndAdminsOnly() throws Exception {
    String id = queryableAlliance();
    Map<String, Integer> readers = expect(200, 403, 200, 200);
    check("GET /api/scores", readers, r -> r.get("/api/scores"));
    check("GET /api/scores/{id}", readers, r -> r.get("/api/scores/" + id));
    check("GET /api/alliances/{id}/score", readers, r -> r.get("/api/alliances/" + id + "/score"));
    check(
        "GET /api/alliances/{id}/history",
        readers,
        r -> r.get("/api/alliances/" + id + "/history"));
    check("GET /api/dashboard/config", readers, r -> r.get("/api/dashboard/config"));
    check("GET /q/metrics", readers, r -> r.get("/q/metrics"));
    check("GET /api/alliances", expect(200, 200, 200, 200), r -> r.get("/api/alliances"));
    check("GET /q/openapi", expect(200, 200, 200, 200), r -> r.get("/q/openapi"));
    check(
        "GET /api/scores/stream",
        refusals(expect(200, 403, 200, 200)),
        r -> r.get("/api/scores/stream"));
  }

  @Test
  void theScoreStreamOpensForEachReader() throws Exception {
    for (String role : List.of(Access.VIEWER, Access.SUBSCRIBER, Access.ADMIN)) {
      assertThat(streamStatus("Authorization", TestTokens.bearer(CALLERS.get(role))))
          .as("stream as " + role)
          .isEqualTo(200);
    }
  }

  @Test
  void healthAndTheDashboardPageAreOpenToAll() {
    // ready once its Kafka Streams runs (StreamsReadiness); until then 503, to anyone
    await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> as(null).get("/q/health/ready").statusCode() == 200);
    for (String token : CALLERS.values()) {
      as(token).get("/q/health/ready").then().statusCode(200);
      as(token).get("/").then().statusCode(200);
      as(token).get("/app.js").then().statusCode(200);
    }
  }

  @Test
  void signingInKeepsTheTokenInAStrictHttpOnlyCookieThatTheStreamTakesAndSigningOutClearsIt()
      throws Exception {
    String token = TestTokens.forSubject("analyst-anna", Access.VIEWER);
    Response signIn =
        as(null)
            .contentType("application/json")
            .body("{\"token\":\"" + token + "\"}")
            .post("/api/session");
    assertThat(signIn.statusCode()).isEqualTo(200);
    assertThat(signIn.jsonPath().getString("subject")).isEqualTo("analyst-anna");
    assertThat(signIn.jsonPath().getList("roles")).containsExactly(Access.VIEWER);
    String setCookie = signIn.header("Set-Cookie");
    assertThat(setCookie)
        .startsWith(Access.TOKEN_COOKIE + "=" + token)
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .contains("Path=/")
        .containsPattern("Max-Age=3[0-9]{3}");

    String cookie = Access.TOKEN_COOKIE + "=" + token;
    as(null)
        .header("Cookie", cookie)
        .get("/api/session")
        .then()
        .statusCode(200)
        .body("subject", org.hamcrest.Matchers.equalTo("analyst-anna"));
    as(null).header("Cookie", cookie).get("/api/scores").then().statusCode(200);
    assertThat(streamStatus("Cookie", cookie)).as("the stream with the cookie").isEqualTo(200);

    Response signOut = as(null).header("Cookie", cookie).delete("/api/session");
    assertThat(signOut.statusCode()).isEqualTo(204);
    assertThat(signOut.header("Set-Cookie"))
        .startsWith(Access.TOKEN_COOKIE + "=;")
        .contains("Max-Age=0");
    as(null).get("/api/session").then().statusCode(401);
  }

  @Test
  void aTokenThatIsNotValidDoesNotSignIn() {
    for (String name : List.of("expired", "wrong signature", "wrong issuer")) {
      Response answer =
          as(null)
              .contentType("application/json")
              .body("{\"token\":\"" + CALLERS.get(name) + "\"}")
              .post("/api/session");
      assertThat(answer.statusCode()).as(name).isEqualTo(401);
      assertThat(answer.header("Set-Cookie")).as(name).isNull();
    }
    as(null).contentType("application/json").body("{}").post("/api/session").then().statusCode(400);
  }

  private int streamStatus(String header, String value) throws Exception {
    return io.alliancewatch.issuer.testing.AccessMatrix.streamStatus(
        root.toString() + "api/scores/stream", header, value);
  }

  @Test
  void theOpenApiDocumentRequiresTheBearerTokenOnEveryOperation() {
    io.alliancewatch.issuer.testing.AccessMatrix.assertOpenApiRequiresBearer(
        java.util.Set.of("POST /api/session", "DELETE /api/session"));
  }
}
