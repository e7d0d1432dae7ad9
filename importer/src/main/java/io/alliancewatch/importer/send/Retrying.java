package io.alliancewatch.importer.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.importer.send.EventSink.SinkException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** An HTTP exchange with ingest that waits out the failures a later attempt can cure. */
public final class Retrying {

  /** Kafka unreachable (503) and a proxy's gateway errors: the service may be back soon. */
  private static final Set<Integer> RETRIED = Set.of(502, 503, 504);

  private Retrying() {}

  public static HttpResponse<byte[]> send(
      HttpClient client, HttpRequest request, Backoff backoff, Consumer<String> notices)
      throws SinkException, InterruptedException {
    for (int retry = 0; ; retry++) {
      String failure;
      Duration retryAfter = null;
      try {
        HttpResponse<byte[]> response =
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (!RETRIED.contains(response.statusCode())) {
          return response;
        }
        failure = request.uri() + " answered " + response.statusCode();
        retryAfter = retryAfter(response).orElse(null);
      } catch (IOException e) {
        failure = "cannot reach " + request.uri() + ": " + describe(e);
      }
      if (retry >= backoff.maxRetries()) {
        throw new SinkException(failure + " (gave up after " + retry + " retries)");
      }
      Duration delay = backoff.delay(retry, retryAfter);
      notices.accept(
          failure
              + "; retry "
              + (retry + 1)
              + " of "
              + backoff.maxRetries()
              + " in "
              + delay.toMillis()
              + " ms");
      Thread.sleep(delay.toMillis());
    }
  }

  /** Retry-After in seconds (ingest's form); an HTTP date is ignored in favour of the backoff. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(value -> value.strip().matches("[0-9]{1,6}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())));
  }

  public static String problemText(JsonNode problem, byte[] raw) {
    if (problem == null) {
      String text = new String(raw, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "(no body)" : text.substring(0, Math.min(300, text.length()));
    }
    StringBuilder text = new StringBuilder(problem.path("title").asText(""));
    if (problem.hasNonNull("detail")) {
      text.append(text.length() > 0 ? ": " : "").append(problem.get("detail").asText());
    }
    for (JsonNode error : problem.path("errors")) {
      text.append("; ")
          .append(error.path("pointer").asText())
          .append(' ')
          .append(error.path("message").asText());
    }
    return text.toString();
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
  }
}
