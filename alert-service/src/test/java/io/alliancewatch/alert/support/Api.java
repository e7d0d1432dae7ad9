package io.alliancewatch.alert.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** The alert service's HTTP API as a subscriber uses it. */
public final class Api {

  private Api() {}

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
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", "test " + path);
    body.put("alliances", alliances);
    body.put("metric", "risk");
    body.put("condition", "above");
    body.put("threshold", threshold);
    body.put("webhook", Map.of("url", receiver.url(path)));
    body.putAll(extra);
    Response response =
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .response();
    Created created = new Created(response.path("id"), response.path("webhook.secret"));
    receiver.trust(path, created.secret());
    return created;
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
}
