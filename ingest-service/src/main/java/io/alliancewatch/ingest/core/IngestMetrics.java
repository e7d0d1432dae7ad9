package io.alliancewatch.ingest.core;

import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.ingest.config.IngestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Counts every event accepted and every refusal, so that nothing is dropped unseen: {@code
 * ingest_events_accepted_total{type,entry}}, {@code ingest_events_rejected_total{reason,entry}}
 * (one per refused event, reason = the field at fault) and {@code
 * ingest_requests_rejected_total{reason,entry}} (whole bodies refused).
 */
@ApplicationScoped
public class IngestMetrics {

  private final MeterRegistry registry;
  private final IngestConfig config;

  public IngestMetrics(MeterRegistry registry, IngestConfig config) {
    this.registry = registry;
    this.config = config;
  }

  public void accepted(String type, String entry, int count) {
    registry.counter("ingest.events.accepted", "type", type, "entry", entry).increment(count);
  }

  public void eventRejected(List<FieldError> errors, String entry) {
    registry
        .counter("ingest.events.rejected", "reason", reasonOf(errors), "entry", entry)
        .increment();
  }

  public void requestRefused(String entry, String reason) {
    registry.counter("ingest.requests.rejected", "reason", reason, "entry", entry).increment();
  }

  public void deadLettered(String reason) {
    registry.counter("ingest.raw.dead.lettered", "reason", reason).increment();
  }

  public String retryAfterSeconds() {
    return Integer.toString(config.kafka().retryAfterSeconds());
  }

  /** The field of the first error ({@code severity}, {@code occurredAt}...), a bounded set. */
  static String reasonOf(List<FieldError> errors) {
    if (errors.isEmpty()) {
      return "unknown";
    }
    String pointer = errors.get(0).pointer();
    String message = errors.get(0).message();
    if (message.startsWith("unknown field")) {
      return "unknown-field";
    }
    String leaf = pointer.substring(pointer.lastIndexOf('/') + 1);
    return leaf.isEmpty() || leaf.chars().allMatch(Character::isDigit) ? "shape" : leaf;
  }
}
