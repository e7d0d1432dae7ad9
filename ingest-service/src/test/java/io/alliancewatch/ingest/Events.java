package io.alliancewatch.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alliancewatch.contracts.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Indicator events for tests: a valid one to start from, then one change at a time. */
final class Events {

  private Events() {}

  static ObjectNode tension(String country) {
    ObjectNode event = Json.mapper().createObjectNode();
    event.put("id", "t-" + UUID.randomUUID());
    event.put("source", "analyst");
    event.put("type", "POLITICAL_TENSION");
    event.put("country", country);
    event.put("severity", 0.6);
    event.put("confidence", 0.9);
    event.put("occurredAt", Instant.now().minus(1, ChronoUnit.DAYS).toString());
    return event;
  }

  static ObjectNode tension(String country, String allianceId) {
    return tension(country).put("allianceId", allianceId);
  }

  static ObjectNode spending(String country, double value) {
    ObjectNode event = Json.mapper().createObjectNode();
    event.put("id", country + "-" + UUID.randomUUID());
    event.put("source", "nato-dex");
    event.put("type", "DEFENSE_SPENDING");
    event.put("allianceId", "NATO");
    event.put("country", country);
    event.put("value", value);
    event.put("occurredAt", "2024-12-31T00:00:00Z");
    return event;
  }
}
