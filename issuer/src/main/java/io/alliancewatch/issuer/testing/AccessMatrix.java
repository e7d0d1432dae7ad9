package io.alliancewatch.issuer.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.contracts.security.Access;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * security.md as a table for tests: each endpoint against the callers without a valid token (none,
 * expired, wrong signature, wrong issuer) and each role, with the status each must get; every 401
 * and 403 is problem+json with an {@code errors} entry, every 401 has {@code WWW-Authenticate:
 * Bearer}.
 */
public final class AccessMatrix {

  public static final String NONE = "none";
  public static final String EXPIRED = "expired";
  public static final String WRONG_SIGNATURE = "wrong signature";
  public static final String WRONG_ISSUER = "wrong issuer";
  public static final List<String> WITHOUT_VALID_TOKEN =
      List.of(NONE, EXPIRED, WRONG_SIGNATURE, WRONG_ISSUER);

  /** A token for each caller of the matrix (null: none). */
  public static final Map<String, String> CALLERS = new LinkedHashMap<>();

  static {
    CALLERS.put(NONE, null);
    CALLERS.put(EXPIRED, TestTokens.expired());
    CALLERS.put(WRONG_SIGNATURE, TestTokens.wrongSignature());
    CALLERS.put(WRONG_ISSUER, TestTokens.wrongIssuer());
    CALLERS.put(Access.VIEWER, TestTokens.viewer());
    CALLERS.put(Access.FEEDER, TestTokens.feeder("analyst-desk", "analyst"));
    CALLERS.put(Access.SUBSCRIBER, TestTokens.subscriber("subscriber-1"));
    CALLERS.put(Access.ADMIN, TestTokens.admin());
  }

  private AccessMatrix() {}

  /** A request with {@code token} as its bearer token (null: no Authorization at all). */
  public static RequestSpecification as(String token) {
    RequestSpecification request = given().auth().none();
    return token == null ? request : request.header("Authorization", TestTokens.bearer(token));
  }

  /** The statuses: 401 for the four without a valid token, then the given one per role. */
  public static Map<String, Integer> expect(int viewer, int feeder, int subscriber, int admin) {
    Map<String, Integer> expected = new LinkedHashMap<>();
    WITHOUT_VALID_TOKEN.forEach(name -> expected.put(name, 401));
    expected.put(Access.VIEWER, viewer);
    expected.put(Access.FEEDER, feeder);
    expected.put(Access.SUBSCRIBER, subscriber);
    expected.put(Access.ADMIN, admin);
    return expected;
  }

  /** Only the refusals of {@code expected} (the statuses 401 and 403). */
  public static Map<String, Integer> refusals(Map<String, Integer> expected) {
    Map<String, Integer> refusals = new LinkedHashMap<>(expected);
    refusals.values().removeIf(status -> status != 401 && status != 403);
    return refusals;
  }

  /**
   * The service's OpenAPI document names the bearer scheme and requires it on every operation but
   * {@code open} ones ({@code "POST /api/session"}...).
   */
  public static void assertOpenApiRequiresBearer(java.util.Set<String> open) {
    io.restassured.path.json.JsonPath doc =
        as(TestTokens.viewer()).queryParam("format", "json").get("/q/openapi").jsonPath();
    assertThat(doc.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
    assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
    Map<String, Map<String, Object>> paths = doc.getMap("paths");
    assertThat(paths).isNotEmpty();
    paths.forEach(
        (path, operations) ->
            operations.forEach(
                (method, operation) -> {
                  String name = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
                  if (!(operation instanceof Map<?, ?> details) || open.contains(name)) {
                    return;
                  }
                  assertThat(String.valueOf(details.get("security")))
                      .as(name + " requires the bearer token in OpenAPI")
                      .contains("bearer");
                }));
  }

  /**
   * The status of a Server-Sent Events stream's answer, read as soon as its headers arrive (the
   * stream itself never ends), with {@code header: value} as the credentials.
   */
  public static int streamStatus(String url, String header, String value) throws Exception {
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
            .header("Accept", "text/event-stream")
            .header(header, value)
            .build();
    java.net.http.HttpResponse<java.util.stream.Stream<String>> response =
        java.net.http.HttpClient.newHttpClient()
            .sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines())
            .get(30, java.util.concurrent.TimeUnit.SECONDS);
    response.body().close();
    return response.statusCode();
  }

  /** Calls the endpoint as each caller of {@code expected} and checks the answer. */
  public static void check(
      String endpoint,
      Map<String, Integer> expected,
      Function<RequestSpecification, Response> call) {
    expected.forEach(
        (caller, status) -> {
          String what = endpoint + " as " + caller;
          Response response = call.apply(as(CALLERS.get(caller)));
          assertThat(response.statusCode()).as(what).isEqualTo(status);
          if (status == 401 || status == 403) {
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
            assertThat(response.jsonPath().getInt("status")).as(what).isEqualTo(status);
            assertThat(response.jsonPath().getList("errors")).as(what).isNotEmpty();
          }
          if (status == 401) {
            assertThat(response.header("WWW-Authenticate")).as(what).startsWith("Bearer");
          }
        });
  }
}
