package io.alliancewatch.importer.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.Json;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One indicator as it goes on the wire, with what the summary counts it under: the alliances it
 * goes to and its type (as named in the event; {@code ?} when a pass-through line has none).
 */
public record Payload(byte[] json, List<String> alliances, String type) {

  public Payload {
    alliances = List.copyOf(alliances);
  }

  /**
   * An event of a mapped source, in the one wire format of the contracts: the same event gives the
   * same bytes on every run, which is what makes a second import harmless.
   */
  public static Payload of(IndicatorEvent event) {
    try {
      return new Payload(
          Json.mapper().writeValueAsBytes(event), List.of(event.allianceId()), event.type().name());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
