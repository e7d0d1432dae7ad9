package io.alliancewatch.contracts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The W3C Trace Context as it travels in Kafka record headers: ingest-service puts the feeder's
 * HTTP trace on each indicator, scoring-service passes it on to the score record the indicator
 * produced, alert-service to the notification and the webhook that score caused.
 */
public final class TraceHeaders {

  /** The headers that carry a trace, and nothing else of a record's headers. */
  public static final List<String> NAMES = List.of("traceparent", "tracestate");

  private TraceHeaders() {}

  /** The trace headers of {@code in}, for the record it causes; empty when it has none. */
  public static Headers carry(Headers in) {
    RecordHeaders out = new RecordHeaders();
    if (in == null) {
      return out;
    }
    for (String name : NAMES) {
      Header header = in.lastHeader(name);
      if (header != null && header.value() != null) {
        out.add(name, header.value());
      }
    }
    return out;
  }

  /** The {@code traceparent} of {@code headers}, if any. */
  public static Optional<String> traceparent(Headers headers) {
    Header header = headers == null ? null : headers.lastHeader("traceparent");
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }
}
