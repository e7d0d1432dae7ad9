package io.alliancewatch.alert;

import static io.alliancewatch.issuer.testing.AccessMatrix.CALLERS;
import static io.alliancewatch.issuer.testing.AccessMatrix.as;
import static io.alliancewatch.issuer.testing.AccessMatrix.check;
import static io.alliancewatch.issuer.testing.AccessMatrix.expect;
import static io.alliancewatch.issuer.testing.AccessMatrix.refusals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.support.Api;
import io.alliancewatch.alert.support.TestKafka;
import io.alliancewatch.alert.support.WebhookReceiver;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.issuer.testing.TestTokens;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * security.md for alert-service: every endpoint against no token, an expired one, a wrong
 * signature, a wrong issuer and each role, nothing stored by a refusal; and two subscribers,
 * neither of whom can read, change, delete, list or redeliver the other's subscription or
 * deliveries, nor see the other's webhook URL anywhere.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class AccessIT {

  private static WebhookReceiver receiver;

  @Inject RegistryView registry;

  @BeforeAll
  static void start() throws Exception {
    Api.signInAsAdmin();
    receiver = new WebhookReceiver();
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  private static String body(String alliance, String path) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "access " + path);
    body.put("alliances", List.of(alliance));
    body.put("metric", "risk");
    body.put("condition", "above");
    body.put("threshold", 60);
    body.put("webhook", Map.of("url", receiver.url(path)));
    try {
      return Json.mapper().writeValueAsString(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a subscription as {@code token}; its id. */
  private static String create(String token, String alliance, String path) {
    Response created =
        as(token)
            .contentType("application/json")
            .body(body(alliance, path))
            .post("/api/subscriptions");
    assertThat(created.statusCode()).isEqualTo(201);
    receiver.trust(path, created.path("webhook.secret"));
    return created.path("id");
  }

  @Test
  void theEndpointsAnswerTheRolesSecurityMdGivesAndRefusalsStoreNothing() {
    String alliance = TestKafka.knownAlliance(registry, "ACL");
    long before = TestKafka.endOffsets(Topics.SUBSCRIPTIONS.name());
    check(
        "POST /api/subscriptions",
        refusals(expect(403, 403, 201, 201)),
        r ->
            r.contentType("application/json")
                .body(body(alliance, "/refused"))
                .post("/api/subscriptions"));
    assertThat(TestKafka.endOffsets(Topics.SUBSCRIPTIONS.name()))
        .as("nothing stored")
        .isEqualTo(before);

    String id = create(CALLERS.get(Access.SUBSCRIBER), alliance, "/acl");
    Map<String, Integer> own = expect(403, 403, 200, 200);
    check("GET /api/subscriptions", own, r -> r.get("/api/subscriptions"));
    check("GET /api/subscriptions/{id}", own, r -> r.get("/api/subscriptions/" + id));
    check(
        "GET /api/subscriptions/{id}/deliveries",
        own,
        r -> r.get("/api/subscriptions/" + id + "/deliveries"));
    long beforeChanges = TestKafka.endOffsets(Topics.SUBSCRIPTIONS.name());
    check(
        "PUT /api/subscriptions/{id}",
        refusals(own),
        r ->
            r.contentType("application/json")
                .body(body(alliance, "/acl"))
                .put("/api/subscriptions/" + id));
    check(
        "DELETE /api/subscriptions/{id}", refusals(own), r -> r.delete("/api/subscriptions/" + id));
    check(
        "POST /api/deliveries/{id}/redeliver",
        refusals(own),
        r -> r.post("/api/deliveries/no-such-delivery/redeliver"));
    assertThat(TestKafka.endOffsets(Topics.SUBSCRIPTIONS.name()))
        .as("nothing changed")
        .isEqualTo(beforeChanges);

    Map<String, Integer> readers = expect(200, 403, 200, 200);
    check("GET /api/alerts", readers, r -> r.get("/api/alerts"));
    check("GET /api/alerts/active", readers, r -> r.get("/api/alerts/active"));
    check("GET /q/metrics", readers, r -> r.get("/q/metrics"));
    check("GET /api/alerts/stream", refusals(readers), r -> r.get("/api/alerts/stream"));
    check("GET /q/openapi", expect(200, 200, 200, 200), r -> r.get("/q/openapi"));
    for (String token : CALLERS.values()) {
      as(token).get("/q/health/ready").then().statusCode(200);
    }
  }

  @Test
  void theAlertStreamOpensForEachReader() throws Exception {
    for (String role : List.of(Access.VIEWER, Access.SUBSCRIBER, Access.ADMIN)) {
      int status =
          io.alliancewatch.issuer.testing.AccessMatrix.streamStatus(
              "http://localhost:" + io.restassured.RestAssured.port + "/api/alerts/stream",
              "Authorization",
              TestTokens.bearer(CALLERS.get(role)));
      assertThat(status).as("stream as " + role).isEqualTo(200);
    }
  }

  @Test
  void twoSubscribersNeitherSeeNorTouchTheOthersSubscriptionsOrDeliveries() {
    String alliance = TestKafka.knownAlliance(registry, "TWO");
    String alice = TestTokens.subscriber("alice");
    String bob = TestTokens.subscriber("bob");
    String aliceId = create(alice, alliance, "/alice");
    String bobId = create(bob, alliance, "/bob");
    String aliceUrl = receiver.url("/alice");

    TestKafka.scores(alliance, 80); // both fire: each has a delivery
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> receiver.count("/alice") >= 1 && receiver.count("/bob") >= 1);
    String aliceDelivery =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    as(alice)
                        .get("/api/subscriptions/" + aliceId + "/deliveries")
                        .jsonPath()
                        .getString("[0].deliveryId"),
                d -> d != null);

    List<Response> bobSees = new ArrayList<>();
    Response list = as(bob).get("/api/subscriptions");
    bobSees.add(list);
    assertThat(list.jsonPath().getList("id", String.class)).containsExactly(bobId);
    assertThat(list.jsonPath().getList("owner", String.class)).containsOnly("bob");
    bobSees.add(expectStatus(404, as(bob).get("/api/subscriptions/" + aliceId)));
    bobSees.add(expectStatus(404, as(bob).get("/api/subscriptions/" + aliceId + "/deliveries")));
    bobSees.add(
        expectStatus(
            404,
            as(bob)
                .contentType("application/json")
                .body(body(alliance, "/stolen"))
                .put("/api/subscriptions/" + aliceId)));
    bobSees.add(expectStatus(404, as(bob).delete("/api/subscriptions/" + aliceId)));
    bobSees.add(expectStatus(404, as(bob).post("/api/deliveries/" + aliceDelivery + "/redeliver")));
    bobSees.add(as(bob).get("/api/alerts"));
    bobSees.add(as(bob).get("/api/alerts/active"));
    bobSees.add(as(bob).get("/api/subscriptions/" + bobId + "/deliveries"));
    for (Response answer : bobSees) {
      assertThat(answer.asString()).as("bob never sees alice's webhook").doesNotContain(aliceUrl);
    }
    // a 404 for another's reads exactly as one for a subscription that does not exist
    assertThat(as(bob).get("/api/subscriptions/" + aliceId).jsonPath().getString("detail"))
        .isEqualTo("no subscription with id '" + aliceId + "'");

    as(alice).get("/api/subscriptions/" + aliceId).then().statusCode(200);
    assertThat(as(alice).get("/api/subscriptions/" + aliceId).jsonPath().getString("owner"))
        .isEqualTo("alice");
    as(alice).post("/api/deliveries/" + aliceDelivery + "/redeliver").then().statusCode(202);
    List<String> all =
        as(TestTokens.admin()).get("/api/subscriptions").jsonPath().getList("id", String.class);
    assertThat(all).contains(aliceId, bobId);
  }

  private static Response expectStatus(int status, Response response) {
    assertThat(response.statusCode()).isEqualTo(status);
    return response;
  }

  @Test
  void theOpenApiDocumentRequiresTheBearerTokenOnEveryOperation() {
    io.alliancewatch.issuer.testing.AccessMatrix.assertOpenApiRequiresBearer(java.util.Set.of());
  }
}
