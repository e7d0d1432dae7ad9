package io.alliancewatch.ingest.http;

import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.Problem;
import java.util.List;
import java.util.Map;

/** A request refused with a problem+json answer (RFC 9457). */
public class ProblemException extends RuntimeException {

  private final Problem problem;
  private final Map<String, String> headers;

  public ProblemException(Problem problem) {
    this(problem, Map.of());
  }

  public ProblemException(Problem problem, Map<String, String> headers) {
    super(problem.title() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = headers;
  }

  public Problem problem() {
    return problem;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** Why the request was refused, as the {@code reason} tag of the rejection metric. */
  public String reason() {
    return problem.type().substring(problem.type().lastIndexOf('/') + 1);
  }

  public static ProblemException malformed(String detail, List<FieldError> errors) {
    return new ProblemException(
        Problem.of(400, "malformed-json", "Malformed JSON", detail).withErrors(errors));
  }

  public static ProblemException invalid(String detail, List<FieldError> errors) {
    return new ProblemException(
        Problem.of(422, "validation", "Invalid indicator events", detail).withErrors(errors));
  }

  public static ProblemException unsupportedMediaType(String detail) {
    return new ProblemException(
        Problem.of(415, "unsupported-media-type", "Unsupported media type", detail));
  }

  /** 503 with {@code Retry-After}: too many requests in progress; nothing of this one was read. */
  public static ProblemException overloaded(int inFlight, String retryAfterSeconds) {
    return new ProblemException(
        Problem.of(
            503,
            "overloaded",
            "Overloaded",
            inFlight
                + " requests are in progress, this service's limit (ingest.limits.in-flight-requests);"
                + " nothing of this request was read or written. Retry after the delay in"
                + " Retry-After."),
        Map.of("Retry-After", retryAfterSeconds));
  }

  public static ProblemException tooLarge(String detail) {
    return new ProblemException(Problem.of(413, "payload-too-large", "Payload too large", detail));
  }
}
