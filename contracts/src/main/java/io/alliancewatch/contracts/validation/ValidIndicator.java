package io.alliancewatch.contracts.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * An indicator that passed validation: the JSON as the feeder sent it (JSON nulls dropped, as they
 * mean absent), the parsed event, and the alliances it is routed to.
 */
public record ValidIndicator(ObjectNode json, IndicatorEvent event, List<String> alliances) {

  /**
   * The record written to {@code alliance.indicators} for one alliance: the indicator as sent, its
   * {@code allianceId} filled in when it was routed by membership, and {@code ingestedAt}.
   */
  public byte[] recordFor(String allianceId, Instant ingestedAt) {
    ObjectNode record = json.deepCopy();
    record.put("allianceId", allianceId);
    record.put("ingestedAt", ingestedAt.toString());
    try {
      return Json.mapper().writeValueAsBytes(record);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
