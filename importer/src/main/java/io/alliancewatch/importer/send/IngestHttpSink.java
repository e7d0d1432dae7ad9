package io.alliancewatch.importer.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends batches to ingest as NDJSON ({@code POST /api/indicators}, {@code application/x-ndjson}):
 * each line stands alone there, so a bad event costs only its own line, and the answer names it by
 * line number. 503 (Kafka unreachable), 502, 504 and connection failures are retried with backoff;
 * resending is harmless because every event keeps its {@code (source, id)} and scoring counts it
 * once. Each request carries the caller's token; 401 and 403 stop the run ({@link AccessRefused}),
 * while a line whose {@code source} the token does not allow comes back as a bad line like any.
 */
public final class IngestHttpSink implements EventSink {

  static final String NDJSON = "application/x-ndjson";

  private final HttpClient client;
  private final URI endpoint;
  private final String token;
  private final Backoff backoff;
  private final Consumer<String> notices;

  /**
   * @param token the bearer token, or null to send none
   */
  public IngestHttpSink(
      HttpClient client, URI ingestUrl, String token, Backoff backoff, Consumer<String> notices) {
    this.client = client;
    this.endpoint = under(ingestUrl, "api/indicators");
    this.token = token;
    this.backoff = backoff;
    this.notices = notices;
  }

  /**
   * {@code path} below the ingest URL, keeping a path prefix such as a reverse proxy's ({@code
   * https://host/ingest} gives {@code https://host/ingest/api/indicators}).
   */
  public static URI under(URI ingestUrl, String path) {
    String base = ingestUrl.toString();
    return URI.create(base.endsWith("/") ? base : base + "/").resolve(path);
  }

  @Override
  public String description() {
    return "ingest " + endpoint;
  }

  @Override
  public List<Refusal> send(List<byte[]> batch) throws SinkException, InterruptedException {
    HttpRequest request =
        IngestAccess.withToken(HttpRequest.newBuilder(endpoint), token)
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", NDJSON)
            .header("Accept", "application/json, application/problem+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson(batch)))
            .build();
    HttpResponse<byte[]> response = Retrying.send(client, request, backoff, notices);
    IngestAccess.check(response, token, AccessRefused.Action.POST_INDICATORS);
    int status = response.statusCode();
    JsonNode body = IngestAccess.readJson(response.body());
    if (status == 200 || (status == 422 && body != null && body.has("accepted"))) {
      // edge-cases.md: a body whose lines are all invalid may also come back as 422 with the report
      List<Refusal> refusals = refusals(body, batch.size());
      if (body.path("errorsTruncated").asBoolean(false) && !refusals.isEmpty()) {
        // ingest lists at most 1,000 errors: the lines after the last one listed are unknown, so
        // they go again (those already written count once in scoring) to learn their fate
        int known = refusals.get(refusals.size() - 1).index() + 1;
        if (known < batch.size()) {
          for (Refusal later : send(batch.subList(known, batch.size()))) {
            refusals.add(new Refusal(known + later.index(), later.pointer(), later.message()));
          }
        }
      }
      return refusals;
    }
    throw new SinkException(
        "ingest answered "
            + status
            + " to a batch of "
            + batch.size()
            + " events: "
            + Retrying.problemText(body, response.body()));
  }

  static byte[] ndjson(List<byte[]> batch) {
    int size = batch.stream().mapToInt(json -> json.length + 1).sum();
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    for (byte[] json : batch) {
      out.writeBytes(json);
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static List<Refusal> refusals(JsonNode body, int batchSize) throws SinkException {
    if (body == null || !body.has("accepted")) {
      throw new SinkException("ingest's NDJSON answer is not the expected JSON report");
    }
    List<Refusal> refusals = new ArrayList<>();
    for (JsonNode error : body.path("errors")) {
      int line = error.path("line").asInt(0);
      if (line < 1 || line > batchSize) {
        throw new SinkException(
            "ingest reported line " + line + " of a " + batchSize + "-line batch");
      }
      refusals.add(
          new Refusal(
              line - 1, error.path("pointer").asText(""), error.path("message").asText("")));
    }
    return refusals;
  }
}
