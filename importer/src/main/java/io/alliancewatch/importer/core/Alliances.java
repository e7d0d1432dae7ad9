package io.alliancewatch.importer.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.AllianceDirectory;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.importer.send.AccessRefused;
import io.alliancewatch.importer.send.Backoff;
import io.alliancewatch.importer.send.EventSink.SinkException;
import io.alliancewatch.importer.send.IngestAccess;
import io.alliancewatch.importer.send.IngestHttpSink;
import io.alliancewatch.importer.send.Retrying;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The alliance memberships the GDELT mapping needs, and where they came from: ingest's live
 * registry (members join at run time), a file, or the copy of {@code alliances.json} bundled with
 * the importer.
 */
public record Alliances(AllianceDirectory directory, String origin) {

  static final String BUNDLED = "/reference/alliances.json";

  public static Alliances bundled() throws IOException {
    try (InputStream in = Alliances.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IOException("bundled " + BUNDLED + " is missing from the importer");
      }
      return of(parse(in.readAllBytes()), "bundled alliances.json (memberships of 2024)");
    }
  }

  public static Alliances fromFile(Path file) throws IOException {
    return of(parse(Files.readAllBytes(file)), file.toString());
  }

  /**
   * {@code GET /api/alliances} of ingest with the caller's token (null for none; a viewer's or a
   * feeder's will do), retried like the event batches.
   *
   * @throws AccessRefused when ingest answers 401 or 403
   */
  public static Alliances fromIngest(
      HttpClient client, URI ingestUrl, String token, Backoff backoff, Consumer<String> notices)
      throws IOException, SinkException, InterruptedException {
    URI uri = IngestHttpSink.under(ingestUrl, "api/alliances");
    HttpRequest request =
        IngestAccess.withToken(HttpRequest.newBuilder(uri), token)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<byte[]> response = Retrying.send(client, request, backoff, notices);
    IngestAccess.check(response, token, AccessRefused.Action.READ_REGISTRY);
    if (response.statusCode() != 200) {
      throw new IOException(
          uri
              + " answered "
              + response.statusCode()
              + "; give --alliances FILE or --alliances bundled"
              + " to map without ingest's registry");
    }
    return of(parse(response.body()), uri.toString());
  }

  private static Alliances of(List<Alliance> alliances, String origin) {
    return new Alliances(AllianceDirectory.of(alliances), origin);
  }

  /**
   * A JSON array of alliances (ingest's answer) or an object with an {@code alliances} array (the
   * reference file). Fields other than id, name, members and guidelinePctGdp are ignored.
   */
  static List<Alliance> parse(byte[] json) throws IOException {
    JsonNode root = Json.mapper().readTree(json);
    JsonNode array = root != null && root.isObject() ? root.get("alliances") : root;
    if (array == null || !array.isArray()) {
      throw new IOException(
          "alliances must be a JSON array, or an object with an \"alliances\" array");
    }
    List<Alliance> alliances = new ArrayList<>();
    for (JsonNode node : array) {
      if (!node.path("id").isTextual()) {
        throw new IOException("an alliance without a textual \"id\": " + node);
      }
      List<String> members = new ArrayList<>();
      node.path("members").forEach(member -> members.add(member.asText()));
      JsonNode guideline = node.get("guidelinePctGdp");
      alliances.add(
          new Alliance(
              node.get("id").asText(),
              node.path("name").asText(""),
              members,
              guideline == null || guideline.isNull() ? null : guideline.asDouble()));
    }
    return alliances;
  }
}
