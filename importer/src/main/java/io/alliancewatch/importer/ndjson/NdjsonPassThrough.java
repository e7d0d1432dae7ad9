package io.alliancewatch.importer.ndjson;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.AllianceDirectory;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.importer.core.LineMapper;
import io.alliancewatch.importer.core.LineOutcome;
import io.alliancewatch.importer.core.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Lines that already are indicator JSON go out exactly as written: ingest (or, for the raw topic,
 * the same validator run here) judges them, so the importer never changes what a user wrote. The
 * line is read only to count it under its alliances and type in the summary.
 */
public final class NdjsonPassThrough implements LineMapper {

  public static final String BLANK = "blank line";

  private final AllianceDirectory directory;

  public NdjsonPassThrough(AllianceDirectory directory) {
    this.directory = directory;
  }

  @Override
  public LineOutcome map(String line) {
    if (line.isBlank()) {
      return LineOutcome.skip(BLANK, "nothing to send");
    }
    JsonNode node = read(line);
    return new LineOutcome.Send(
        List.of(new Payload(line.getBytes(StandardCharsets.UTF_8), alliances(node), type(node))));
  }

  private List<String> alliances(JsonNode node) {
    if (node == null) {
      return List.of("?");
    }
    JsonNode allianceId = node.get("allianceId");
    if (allianceId != null && allianceId.isTextual()) {
      return List.of(allianceId.asText());
    }
    JsonNode country = node.get("country");
    if (country == null || !country.isTextual()) {
      return List.of("?");
    }
    // no allianceId: ingest routes the event to every alliance of the country (contract.md)
    List<String> ids = directory.alliancesOf(country.asText()).stream().map(Alliance::id).toList();
    return ids.isEmpty() ? List.of("?") : ids;
  }

  private static String type(JsonNode node) {
    JsonNode type = node == null ? null : node.get("type");
    return type != null && type.isTextual() ? type.asText() : "?";
  }

  private static JsonNode read(String line) {
    try {
      JsonNode node = Json.mapper().readTree(line);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
