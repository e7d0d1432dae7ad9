package io.alliancewatch.e2e.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to the services, as a feeder or a subscriber makes them. */
public final class Http {

  public static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The bearer token every call sends (RunningSystem sets an admin's); null: none. */
  private static volatile String token;

  private Http() {}

  public static void useToken(String bearerToken) {
    token = bearerToken;
  }

  /** An answer: its status and body. */
  public record Answer(int status, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("not JSON (status " + status + "): " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public static Answer get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
  }

  /** A GET of a text answer, e.g. a Prometheus page. */
  public static Answer getText(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/plain").GET());
  }

  /** POSTs a value (a string is sent as it is, anything else as its JSON). */
  public static Answer postJson(String url, Object body) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  /** PUTs a value (a string is sent as it is, anything else as its JSON). */
  public static Answer putJson(String url, Object body) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
  }

  public static String json(Object value) {
    if (value instanceof String text) {
      return text;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Answer send(HttpRequest.Builder request) {
    String bearer = token;
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
