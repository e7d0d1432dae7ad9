package io.alliancewatch.alert.support;

import static io.restassured.RestAssured.given;

import io.alliancewatch.issuer.testing.TestIssuer;
import io.alliancewatch.issuer.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/**
 * The alert service's HTTP API as a subscriber uses it. The service under test verifies tokens of
 * the tests' issuer (every test class of the module, TestIssuer).
 */
@QuarkusTestResource(TestIssuer.class)
public final class Api {

  /** The token the tests call with unless they say otherwise: an admin's, who sees everything. */
  public static final String ADMIN = TestTokens.admin();

  private Api() {}

  /** Requests made with RestAssured go with an admin's token (AccessIT tests each role). */
  public static void signInAsAdmin() {
    RestAssured.authentication = RestAssured.oauth2(ADMIN);
  }

  /** A created subscription: its id and the secret shown once. */
  public record Created(String id, String secret) {}

  /**
   * Creates a risk-above subscription whose webhook is {@code path} on the receiver, and tells the
   * receiver its secret.
   */
  public static Created subscribe(
      WebhookReceiver receiver,
      String path,
      List<String> alliances,
      double threshold,
      Map<String, Object> extra) {
    Response response =
        given()
            .contentType(ContentType.JSON)
            .body(body(receiver, path, alliances, threshold, extra))
            .post("/api/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .response();
    Created created = new Created(response.path("id"), response.path("webhook.secret"));
    receiver.trust(path, created.secret());
    return created;
  }

  /**
   * Replaces a subscription made by {@link #subscribe} with the same fields but {@code threshold}
   * and {@code extra} (a full replace; the secret is left out, so it is kept).
   */
  public static void replace(
      WebhookReceiver receiver,
      String path,
      String id,
      List<String> alliances,
      double threshold,
      Map<String, Object> extra) {
    given()
        .contentType(ContentType.JSON)
        .body(body(receiver, path, alliances, threshold, extra))
        .put("/api/subscriptions/{id}", id)
        .then()
        .statusCode(200);
  }

  private static Map<String, Object> body(
      WebhookReceiver receiver,
      String path,
      List<String> alliances,
      double threshold,
      Map<String, Object> extra) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", "test " + path);
    body.put("alliances", alliances);
    body.put("metric", "risk");
    body.put("condition", "above");
    body.put("threshold", threshold);
    body.put("webhook", Map.of("url", receiver.url(path)));
    body.putAll(extra);
    return body;
  }

  public static List<Map<String, Object>> deliveries(String subscriptionId) {
    return given()
        .get("/api/subscriptions/{id}/deliveries", subscriptionId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  /**
   * One field ({@code alertId}, {@code allianceId}...) of each alert {@code /api/alerts/active}
   * lists.
   */
  public static List<String> active(String field) {
    return given()
        .get("/api/alerts/active")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList(field, String.class);
  }
}
