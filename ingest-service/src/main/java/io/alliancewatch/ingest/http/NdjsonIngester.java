package io.alliancewatch.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.IndicatorValidator;
import io.alliancewatch.contracts.validation.Problem;
import io.alliancewatch.contracts.validation.ValidIndicator;
import io.alliancewatch.http.security.Caller;
import io.alliancewatch.ingest.config.IngestConfig;
import io.alliancewatch.ingest.core.IndicatorIngester;
import io.alliancewatch.ingest.core.IngestMetrics;
import io.alliancewatch.ingest.kafka.KafkaUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NDJSON bulk: the body is read as a stream, one event a line. Each line stands alone: valid lines
 * are written (in chunks, each acknowledged before the next is read), invalid ones are reported by
 * line number. Memory stays bounded whatever the body's size.
 */
@ApplicationScoped
public class NdjsonIngester {

  /** Valid lines written per chunk before waiting for Kafka's acknowledgements. */
  static final int CHUNK = 500;

  /** Bad lines listed in one answer; the count goes on past it. */
  static final int MAX_REPORTED_ERRORS = 1000;

  private final IndicatorIngester ingester;
  private final IngestMetrics metrics;
  private final IngestConfig config;

  public NdjsonIngester(IndicatorIngester ingester, IngestMetrics metrics, IngestConfig config) {
    this.ingester = ingester;
    this.metrics = metrics;
    this.config = config;
  }

  /** One bad line of an NDJSON body. */
  @JsonPropertyOrder({"line", "pointer", "message"})
  public record LineError(long line, String pointer, String message) {}

  /** The answer: counts, and the bad lines (at most 1,000 listed). */
  @JsonPropertyOrder({"accepted", "rejected", "errors", "errorsTruncated"})
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  public record NdjsonAnswer(
      long accepted, long rejected, List<LineError> errors, boolean errorsTruncated) {
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public long accepted() {
      return accepted;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public long rejected() {
      return rejected;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public List<LineError> errors() {
      return errors;
    }
  }

  public NdjsonAnswer ingest(InputStream body, Caller caller) {
    Progress progress = new Progress();
    List<ValidIndicator> chunk = new ArrayList<>(CHUNK);
    long chunkFirstLine = 1;
    try (LineReader in = new LineReader(body)) {
      Line line;
      while ((line = nextLine(in, progress)) != null) {
        if (chunk.isEmpty()) {
          chunkFirstLine = line.number();
        }
        handle(line, chunk, progress, caller);
        if (chunk.size() >= CHUNK) {
          flush(chunk, progress, chunkFirstLine, caller);
        }
      }
      flush(chunk, progress, chunkFirstLine, caller);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NdjsonAnswer(
        progress.accepted, progress.rejected, progress.errors, progress.truncated);
  }

  private void handle(Line line, List<ValidIndicator> chunk, Progress progress, Caller caller) {
    if (line.tooLong()) {
      reject(
          progress,
          line.number(),
          new FieldError(
              "", "the line is longer than " + config.limits().ndjsonLineBytes() + " bytes"));
      return;
    }
    if (line.number() > 1 && startsWithByteOrderMark(line.bytes())) {
      // RFC 8259 allows a BOM before the body's text, which is the first line's; inside the body
      // it is a stray character before the JSON value
      reject(
          progress,
          line.number(),
          new FieldError(
              "",
              "the line starts with a byte order mark (U+FEFF); only the first line of the body"
                  + " may"));
      return;
    }
    String text;
    try {
      text = JsonBodies.utf8(line.bytes());
    } catch (CharacterCodingException e) {
      reject(progress, line.number(), new FieldError("", "the line is not valid UTF-8 text"));
      return;
    }
    if (text.isBlank()) {
      return; // blank lines are skipped, neither counted nor reported
    }
    JsonNode node;
    try {
      node = JsonBodies.parse(text);
    } catch (ProblemException e) {
      List<FieldError> errors = e.problem().errors();
      reject(
          progress,
          line.number(),
          errors == null || errors.isEmpty()
              ? new FieldError("", e.problem().detail())
              : errors.get(0));
      return;
    }
    var forbidden = IndicatorIngester.forbiddenSource(node, caller);
    if (forbidden.isPresent()) {
      reject(progress, line.number(), forbidden.get()); // a bad line like any other (security.md)
      return;
    }
    IndicatorValidator.Result result = ingester.validate(node);
    if (result.isValid()) {
      chunk.add(result.valid());
    } else {
      metrics.eventRejected(result.errors(), "ndjson");
      for (FieldError error : result.errors()) {
        progress.report(line.number(), error);
      }
      progress.rejected++;
    }
  }

  private void reject(Progress progress, long line, FieldError error) {
    metrics.eventRejected(List.of(error), "ndjson");
    progress.report(line, error);
    progress.rejected++;
  }

  private void flush(
      List<ValidIndicator> chunk, Progress progress, long chunkFirstLine, Caller caller) {
    if (chunk.isEmpty()) {
      return;
    }
    try {
      ingester.write(chunk, caller.subject());
    } catch (KafkaUnavailableException e) {
      throw new ProblemException(
          Problem.of(
              503,
              "kafka-unavailable",
              "Kafka unavailable",
              "Kafka did not acknowledge the lines from line "
                  + chunkFirstLine
                  + " on. The "
                  + progress.accepted
                  + " valid lines before it were written; resend from line "
                  + chunkFirstLine
                  + " (resending earlier lines is harmless: scoring counts an event once)."),
          Map.of("Retry-After", metrics.retryAfterSeconds()));
    }
    chunk.forEach(v -> metrics.accepted(v.event().type().name(), "ndjson", 1));
    progress.accepted += chunk.size();
    chunk.clear();
  }

  private record Line(long number, byte[] bytes, boolean tooLong) {}

  private static boolean startsWithByteOrderMark(byte[] bytes) {
    return bytes.length >= 3
        && bytes[0] == (byte) 0xEF
        && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF;
  }

  /** The next physical line (LF, with an optional CR before it), or null at the end. */
  private Line nextLine(LineReader in, Progress progress) throws IOException {
    LineReader.RawLine raw = in.next(config.limits().ndjsonLineBytes());
    if (raw == null) {
      return null;
    }
    progress.lineNumber++;
    if (in.bytesRead() > config.limits().ndjsonBodyBytes()) {
      throw ProblemException.tooLarge(
          "The NDJSON body is larger than "
              + config.limits().ndjsonBodyBytes()
              + " bytes; the "
              + progress.accepted
              + " valid lines before line "
              + progress.lineNumber
              + " were written. Split the file and send the rest.");
    }
    return new Line(progress.lineNumber, raw.bytes(), raw.tooLong());
  }

  private static final class Progress {
    long lineNumber;
    long accepted;
    long rejected;
    boolean truncated;
    final List<LineError> errors = new ArrayList<>();

    void report(long line, FieldError error) {
      if (errors.size() < MAX_REPORTED_ERRORS) {
        errors.add(new LineError(line, error.pointer(), error.message()));
      } else {
        truncated = true;
      }
    }
  }
}
