package io.alliancewatch.scoring.api;

import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A refusal the resource turns into {@code application/problem+json} (RFC 9457). */
public final class ApiProblem extends RuntimeException {

  private final transient Problem problem;
  private final Integer retryAfterSeconds;

  private ApiProblem(Problem problem, Integer retryAfterSeconds) {
    super(problem.detail());
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static ApiProblem badAsOf(String detail) {
    return badInstant("asOf", detail);
  }

  /** A query parameter that is not an instant, or not one the query can be answered at. */
  static ApiProblem badInstant(String parameter, String detail) {
    return new ApiProblem(
        Problem.of(
                400,
                "asOf".equals(parameter) ? "invalid-as-of" : "invalid-" + parameter,
                "Invalid " + parameter,
                detail)
            .withErrors(List.of(new FieldError("/" + parameter, detail))),
        null);
  }

  /** A query parameter that is not a whole number in {@code [1, max]}. */
  static ApiProblem badLimit(String raw, int max) {
    String detail = "limit '" + raw + "' is not a whole number from 1 to " + max;
    return new ApiProblem(
        Problem.of(400, "invalid-limit", "Invalid limit", detail)
            .withErrors(List.of(new FieldError("/limit", detail))),
        null);
  }

  static ApiProblem unknownAlliance(String allianceId) {
    return new ApiProblem(
        Problem.of(
            404,
            "unknown-alliance",
            "Unknown alliance",
            "the registry has no alliance '" + allianceId + "' (ids are case-sensitive)"),
        null);
  }

  static ApiProblem notReady(String detail) {
    return new ApiProblem(Problem.of(503, "not-ready", "Scores not available yet", detail), 1);
  }

  public int status() {
    return problem.status();
  }

  public Response toResponse() {
    Response.ResponseBuilder response =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    if (retryAfterSeconds != null) {
      response.header("Retry-After", retryAfterSeconds);
    }
    return response.build();
  }
}
