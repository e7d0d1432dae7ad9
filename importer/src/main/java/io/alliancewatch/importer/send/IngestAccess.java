package io.alliancewatch.importer.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.importer.send.AccessRefused.Action;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The caller's token on every request to ingest, and ingest's 401 and 403 as final answers. */
public final class IngestAccess {

  private IngestAccess() {}

  /** {@code Authorization: Bearer TOKEN} when there is a token; without one ingest answers 401. */
  public static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
    return hasToken(token) ? request.header("Authorization", "Bearer " + token.strip()) : request;
  }

  public static boolean hasToken(String token) {
    return token != null && !token.isBlank();
  }

  /**
   * @throws AccessRefused when ingest answered 401 or 403, with its problem's text
   */
  public static void check(HttpResponse<byte[]> response, String token, Action action)
      throws AccessRefused {
    int status = response.statusCode();
    if (status != 401 && status != 403) {
      return;
    }
    throw new AccessRefused(
        response.request().method()
            + " "
            + response.uri()
            + " answered "
            + status
            + (hasToken(token) ? "" : " (no token given)")
            + ": "
            + Retrying.problemText(readJson(response.body()), response.body()),
        status,
        hasToken(token),
        action);
  }

  static JsonNode readJson(byte[] body) {
    try {
      return body.length == 0 ? null : Json.mapper().readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
