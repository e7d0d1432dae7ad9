package io.alliancewatch.alert.http;

import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.Problem;
import java.util.List;

/** A request refused with a problem+json answer (RFC 9457). */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.title() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException malformed(String detail) {
    return malformed(detail, List.of());
  }

  public static ProblemException malformed(String detail, List<FieldError> errors) {
    return new ProblemException(
        Problem.of(400, "malformed-json", "Malformed JSON", detail).withErrors(errors));
  }

  public static ProblemException invalid(String detail, List<FieldError> errors) {
    return new ProblemException(
        Problem.of(422, "validation", "Invalid subscription", detail).withErrors(errors));
  }

  public static ProblemException unsupportedMediaType(String detail) {
    return new ProblemException(
        Problem.of(415, "unsupported-media-type", "Unsupported media type", detail));
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(Problem.of(404, "not-found", "Not found", what));
  }

  public static ProblemException badQuery(String detail, List<FieldError> errors) {
    return new ProblemException(
        Problem.of(400, "invalid-query", "Invalid query parameters", detail).withErrors(errors));
  }

  public static ProblemException unavailable(String detail) {
    return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail));
  }
}
