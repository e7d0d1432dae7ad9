package io.alliancewatch.ingest.core;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.IndicatorValidator;
import io.alliancewatch.contracts.validation.ValidIndicator;
import io.alliancewatch.http.security.Caller;
import io.alliancewatch.ingest.config.IngestConfig;
import io.alliancewatch.ingest.kafka.IndicatorPublisher;
import io.alliancewatch.ingest.kafka.KafkaUnavailableException;
import io.alliancewatch.ingest.registry.AllianceRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one path from a parsed indicator to Kafka, shared by every entry point: validate against the
 * registry, route, stamp {@code ingestedAt}, write one record per alliance keyed by its id.
 */
@ApplicationScoped
public class IndicatorIngester {

  private final IndicatorValidator validator;
  private final AllianceRegistry registry;
  private final IndicatorPublisher publisher;
  private final IngestMetrics metrics;
  private final IngestConfig config;
  private final Clock clock;
  private final OpenTelemetry telemetry;

  public IndicatorIngester(
      AllianceRegistry registry,
      IndicatorPublisher publisher,
      IngestMetrics metrics,
      IngestConfig config,
      OpenTelemetry telemetry) {
    this.telemetry = telemetry;
    this.clock = Clock.systemUTC();
    this.validator = new IndicatorValidator(clock);
    this.registry = registry;
    this.publisher = publisher;
    this.metrics = metrics;
    this.config = config;
  }

  /** One accepted event as the answer names it. */
  @JsonPropertyOrder({"source", "id", "alliances"})
  public record AcceptedEvent(String source, String id, List<String> alliances) {}

  /** An indicator to check, with the pointer of its place in the request. */
  public record Located(JsonNode node, String pointer) {}

  public IndicatorValidator.Result validate(JsonNode node) {
    ensureRegistryLoaded();
    return validator.validate(node, registry);
  }

  /**
   * The refusal of an event whose {@code source} the caller may not write (security.md: a feeder
   * writes only its token's {@code sources}, an admin any), at {@code /source}; empty if it may, or
   * if the event has no textual source (validation then says what is wrong with it).
   */
  public static Optional<FieldError> forbiddenSource(JsonNode node, Caller caller) {
    JsonNode source = node.get("source");
    if (source == null || !source.isTextual() || caller.maySend(source.textValue())) {
      return Optional.empty();
    }
    return Optional.of(
        new FieldError(
            "/source",
            "this feeder ("
                + caller.subject()
                + ") may not write source '"
                + source.textValue()
                + "'; its token allows "
                + (caller.sources().isEmpty()
                    ? "none"
                    : String.join(", ", caller.sources().stream().sorted().toList()))));
  }

  /**
   * All or nothing: checks that the caller may write every event's source, validates every event,
   * and writes them only if all are allowed and valid, each with the caller's {@code sub} in the
   * {@code x-feeder} header.
   *
   * @throws SourceRefusal when any source is not the caller's to write (before validation)
   * @throws IngestRefusal with every problem, pointers placed under each event's pointer
   */
  public List<AcceptedEvent> ingestAll(List<Located> events, String entry, Caller caller) {
    List<FieldError> forbidden = new ArrayList<>();
    for (Located event : events) {
      forbiddenSource(event.node(), caller)
          .ifPresent(error -> forbidden.add(error.under(event.pointer())));
    }
    if (!forbidden.isEmpty()) {
      throw new SourceRefusal(forbidden, events.size());
    }
    List<FieldError> errors = new ArrayList<>();
    List<ValidIndicator> valid = new ArrayList<>();
    for (Located event : events) {
      IndicatorValidator.Result result = validate(event.node());
      if (result.isValid()) {
        valid.add(result.valid());
      } else {
        result.errors().forEach(error -> errors.add(error.under(event.pointer())));
        metrics.eventRejected(result.errors(), entry);
      }
    }
    if (!errors.isEmpty()) {
      throw new IngestRefusal(errors, events.size() - valid.size(), events.size());
    }
    write(valid, caller.subject());
    valid.forEach(v -> metrics.accepted(v.event().type().name(), entry, 1));
    return valid.stream()
        .map(v -> new AcceptedEvent(v.event().source(), v.event().id(), v.alliances()))
        .toList();
  }

  /**
   * Writes valid indicators, one record per alliance, and waits for every acknowledgement.
   *
   * @param feeder the {@code sub} of the token that posted them, or null (the raw topic)
   */
  public void write(List<ValidIndicator> valid, String feeder) {
    publisher.publishAll(records(valid, feeder));
  }

  /**
   * The records of valid indicators; {@code feeder}, when given, in the {@code x-feeder} header.
   */
  public List<ProducerRecord<byte[], byte[]>> records(List<ValidIndicator> valid, String feeder) {
    byte[] feederHeader = feeder == null ? null : feeder.getBytes(StandardCharsets.UTF_8);
    Instant ingestedAt = clock.instant();
    Context trace = Context.current();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (ValidIndicator indicator : valid) {
      for (String alliance : indicator.alliances()) {
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(
                config.topics().indicators(),
                alliance.getBytes(StandardCharsets.UTF_8),
                indicator.recordFor(alliance, ingestedAt));
        if (feederHeader != null) {
          record.headers().add(Access.FEEDER_HEADER, feederHeader);
        }
        // the trace of the HTTP request goes on in Kafka headers (W3C traceparent)
        telemetry
            .getPropagators()
            .getTextMapPropagator()
            .inject(
                trace,
                record.headers(),
                (headers, key, value) -> headers.add(key, value.getBytes(StandardCharsets.UTF_8)));
        records.add(record);
      }
    }
    return records;
  }

  private void ensureRegistryLoaded() {
    if (!registry.isLoaded()) {
      throw new KafkaUnavailableException(
          "the alliance registry has not been read from Kafka yet", null);
    }
  }

  /** Some events have a source the caller may not write: nothing was written (403). */
  public static class SourceRefusal extends RuntimeException {
    private final List<FieldError> errors;
    private final int total;

    SourceRefusal(List<FieldError> errors, int total) {
      super(errors.size() + " of " + total + " events have a forbidden source", null, false, false);
      this.errors = List.copyOf(errors);
      this.total = total;
    }

    public List<FieldError> errors() {
      return errors;
    }

    public int total() {
      return total;
    }
  }

  /** Some events were invalid: nothing was written. */
  public static class IngestRefusal extends RuntimeException {
    private final List<FieldError> errors;
    private final int invalid;
    private final int total;

    IngestRefusal(List<FieldError> errors, int invalid, int total) {
      super(invalid + " of " + total + " events are invalid", null, false, false);
      this.errors = List.copyOf(errors);
      this.invalid = invalid;
      this.total = total;
    }

    public List<FieldError> errors() {
      return errors;
    }

    public int invalid() {
      return invalid;
    }

    public int total() {
      return total;
    }
  }
}
