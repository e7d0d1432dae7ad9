package io.alliancewatch.scoring.model;

import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import java.util.Optional;

/**
 * What scoring needs of an indicator before it counts it. Ingest validates every event, so a
 * failure here means a record that bypassed ingest or a bug: it is refused, counted and logged,
 * never guessed at.
 */
public final class EventCheck {

  private EventCheck() {}

  /**
   * Why {@code event}, read from the record keyed {@code allianceId}, cannot count; empty if fine.
   */
  public static Optional<String> problem(String allianceId, IndicatorEvent event) {
    if (allianceId == null || allianceId.isEmpty()) {
      return Optional.of("the record has no key: the alliance id is the key");
    }
    if (event.allianceId() != null && !event.allianceId().equals(allianceId)) {
      return Optional.of(
          "allianceId " + event.allianceId() + " differs from the record key " + allianceId);
    }
    if (isBlank(event.source()) || event.id() == null || event.id().isEmpty()) {
      return Optional.of("source and id are required");
    }
    if (event.type() == null) {
      return Optional.of("type is required");
    }
    if (event.occurredAt() == null) {
      return Optional.of("occurredAt is required");
    }
    if (isBlank(event.country())) {
      return Optional.of("country is required");
    }
    if (event.type() == IndicatorType.DEFENSE_SPENDING) {
      return inRange(event.value(), 0, 100)
          ? Optional.empty()
          : Optional.of("value must be a number in 0..100 for DEFENSE_SPENDING");
    }
    if (!inRange(event.severity(), 0, 1)) {
      return Optional.of("severity must be a number in 0..1");
    }
    if (event.confidence() != null && !inRange(event.confidence(), 0, 1)) {
      return Optional.of("confidence must be a number in 0..1");
    }
    return Optional.empty();
  }

  private static boolean inRange(Double number, double min, double max) {
    return number != null && Double.isFinite(number) && number >= min && number <= max;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isEmpty();
  }
}
