package io.alliancewatch.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * An indicator event, version 1 (contract.md). Optional fields are {@code null} when absent and are
 * left out of the JSON. {@code ingestedAt} is set by ingest only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "id",
  "source",
  "type",
  "allianceId",
  "country",
  "counterpart",
  "severity",
  "value",
  "confidence",
  "occurredAt",
  "summary",
  "url",
  "ingestedAt"
})
public record IndicatorEvent(
    String id,
    String source,
    IndicatorType type,
    String allianceId,
    String country,
    String counterpart,
    Double severity,
    Double value,
    Double confidence,
    Instant occurredAt,
    String summary,
    String url,
    Instant ingestedAt) {

  /** The confidence to compute with: 1 when the feeder gave none. */
  public double effectiveConfidence() {
    return confidence == null ? 1.0 : confidence;
  }

  /** The same event as routed to one alliance and stamped by ingest. */
  public IndicatorEvent routedTo(String alliance, Instant ingested) {
    return new IndicatorEvent(
        id,
        source,
        type,
        alliance,
        country,
        counterpart,
        severity,
        value,
        confidence,
        occurredAt,
        summary,
        url,
        ingested);
  }

  /** The identity of an event: scoring counts an event once per alliance by this key. */
  public EventKey key() {
    return new EventKey(source, id);
  }

  /** {@code (source, id)}, ordered as strings, source first (scoring.md sections 3 and 7). */
  public record EventKey(String source, String id) implements Comparable<EventKey> {
    @Override
    public int compareTo(EventKey other) {
      int bySource = source.compareTo(other.source);
      return bySource != 0 ? bySource : id.compareTo(other.id);
    }
  }
}
