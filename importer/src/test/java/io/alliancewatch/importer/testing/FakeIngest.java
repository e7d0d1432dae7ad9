package io.alliancewatch.importer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.AllianceDirectory;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.IndicatorValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that answers as ingest does (contract.md, edge-cases.md): GET
 * /api/alliances; POST /api/indicators with NDJSON (200 with accepted, rejected and errors by line,
 * each line judged by the contracts' own validator); 503 with Retry-After while told Kafka is down;
 * 401 problem+json with {@code WWW-Authenticate: Bearer} to a request without the token it was told
 * to expect, and 403 to every request while told the token lacks the right.
 */
public final class FakeIngest implements AutoCloseable {

  private final HttpServer server;
  private final AllianceDirectory directory;
  private final IndicatorValidator validator = new IndicatorValidator(Clock.systemUTC());
  private final List<String> written = Collections.synchronizedList(new ArrayList<>());
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger unavailableFor = new AtomicInteger();
  private final AtomicInteger allianceRequests = new AtomicInteger();
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger refusedForAccess = new AtomicInteger();
  private volatile int maxErrorsListed = 1000;
  private volatile String requiredToken;
  private volatile boolean forbidden;
  private volatile Set<String> allowedSources;

  public FakeIngest(AllianceDirectory directory) {
    this.directory = directory;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/alliances", this::alliances);
    server.createContext("/api/indicators", this::indicators);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code requests} posts answer 503, as ingest does while Kafka is unreachable. */
  public void kafkaDownFor(int requests) {
    unavailableFor.set(requests);
  }

  /** From now on a request needs {@code Authorization: Bearer token}, or it is answered 401. */
  public void requireToken(String token) {
    requiredToken = token;
  }

  /** From now on every request is answered 403, as to a token without the role. */
  public void forbidEverything() {
    forbidden = true;
  }

  /**
   * From now on a line whose {@code source} is not one of these is a bad line at {@code /source},
   * as ingest answers a feeder whose token does not list it.
   */
  public void allowOnlySources(String... sources) {
    allowedSources = Set.of(sources);
  }

  /** "METHOD /path Authorization-header" of every request, in order ("-" for no header). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** How many requests were answered 401 or 403. */
  public int refusedForAccess() {
    return refusedForAccess.get();
  }

  /** Lists at most this many errors per answer and flags the rest as truncated. */
  public void listAtMostErrors(int max) {
    maxErrorsListed = max;
  }

  /** The indicator lines written to Kafka, in order. */
  public List<String> written() {
    return List.copyOf(written);
  }

  /** Every NDJSON body posted, including those answered with 503. */
  public List<String> bodies() {
    return List.copyOf(bodies);
  }

  public int allianceRequests() {
    return allianceRequests.get();
  }

  private void alliances(HttpExchange exchange) throws IOException {
    allianceRequests.incrementAndGet();
    if (refusedAccess(exchange)) {
      return;
    }
    ArrayNode array = Json.mapper().createArrayNode();
    for (Alliance alliance : directory.all()) {
      array.add(Json.mapper().valueToTree(alliance));
    }
    respond(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(array));
  }

  private void indicators(HttpExchange exchange) throws IOException {
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (refusedAccess(exchange)) {
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      problem(exchange, 405, "Method not allowed", null);
      return;
    }
    if (contentType == null || !contentType.toLowerCase().startsWith("application/x-ndjson")) {
      problem(exchange, 415, "Unsupported media type", null);
      return;
    }
    bodies.add(new String(body, StandardCharsets.UTF_8));
    if (unavailableFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      exchange.getResponseHeaders().add("Retry-After", "0");
      problem(exchange, 503, "Kafka unavailable", "Kafka did not acknowledge; resend");
      return;
    }
    ndjson(exchange, new String(body, StandardCharsets.UTF_8));
  }

  /** Records the request's Authorization and answers 401 or 403 when that is what ingest would. */
  private boolean refusedAccess(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(
        exchange.getRequestMethod()
            + " "
            + exchange.getRequestURI().getPath()
            + " "
            + (authorization == null ? "-" : authorization));
    String required = requiredToken;
    if (required != null && !("Bearer " + required).equals(authorization)) {
      refusedForAccess.incrementAndGet();
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
      problem(exchange, 401, "Unauthorized", "a valid bearer token is required");
      return true;
    }
    if (forbidden) {
      refusedForAccess.incrementAndGet();
      problem(exchange, 403, "Forbidden", "the token's roles do not allow this");
      return true;
    }
    return false;
  }

  private void ndjson(HttpExchange exchange, String body) throws IOException {
    String[] lines = body.split("\n", -1);
    long accepted = 0;
    long rejected = 0;
    ArrayNode errors = Json.mapper().createArrayNode();
    boolean truncated = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      List<FieldError> problems = judge(line);
      if (problems.isEmpty()) {
        written.add(line);
        accepted++;
        continue;
      }
      rejected++;
      for (FieldError problem : problems) {
        if (errors.size() >= maxErrorsListed) {
          truncated = true;
          continue;
        }
        errors
            .addObject()
            .put("line", i + 1)
            .put("pointer", problem.pointer())
            .put("message", problem.message());
      }
    }
    ObjectNode answer = Json.mapper().createObjectNode();
    answer.put("accepted", accepted).put("rejected", rejected).set("errors", errors);
    if (truncated) {
      answer.put("errorsTruncated", true);
    }
    respond(exchange, 200, "application/json", Json.mapper().writeValueAsBytes(answer));
  }

  private List<FieldError> judge(String line) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(line);
    } catch (IOException e) {
      return List.of(new FieldError("", "malformed JSON"));
    }
    if (node == null || !node.isObject()) {
      return List.of(new FieldError("", "must be a JSON object"));
    }
    Set<String> allowed = allowedSources;
    String source = node.path("source").asText();
    if (allowed != null && !allowed.contains(source)) {
      return List.of(new FieldError("/source", "this token may not write source '" + source + "'"));
    }
    IndicatorValidator.Result result = validator.validate(node, directory);
    return result.isValid() ? List.of() : result.errors();
  }

  private static void problem(HttpExchange exchange, int status, String title, String detail)
      throws IOException {
    ObjectNode problem = Json.mapper().createObjectNode();
    problem.put("type", "about:blank").put("title", title).put("status", status);
    if (detail != null) {
      problem.put("detail", detail);
    }
    respond(exchange, status, "application/problem+json", Json.mapper().writeValueAsBytes(problem));
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
