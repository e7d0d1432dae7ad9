package io.alliancewatch.http.security;

import io.alliancewatch.contracts.validation.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The refusals of access control as problem+json (security.md): 401 with {@code WWW-Authenticate:
 * Bearer} for no token or a token that is not valid, 403 for a valid token without the right, 429
 * past the rate limit; each counted in {@code http_access_refused_total{status}}.
 */
@ApplicationScoped
public class AccessProblems {

  public static final String CHALLENGE = "Bearer";

  static final String NO_TOKEN =
      "This needs a bearer token: send Authorization: Bearer <jwt> (the local run makes one with"
          + " ./alliance-watch token --role ROLE). Nothing was read or written.";
  static final String BAD_TOKEN =
      "The bearer token was refused: it is expired, not signed by the configured key, from"
          + " another issuer, or not a JWT. Nothing was read or written.";

  private final MeterRegistry registry;

  public AccessProblems(MeterRegistry registry) {
    this.registry = registry;
  }

  public Problem noToken() {
    count(401);
    return Problem.of(401, "unauthorized", "Unauthorized", NO_TOKEN);
  }

  public Problem badToken() {
    count(401);
    return Problem.of(401, "unauthorized", "Unauthorized", BAD_TOKEN);
  }

  public Problem forbidden(String detail) {
    count(403);
    return Problem.of(403, "forbidden", "Forbidden", detail);
  }

  /** A 403 of this request: the token is valid but its roles do not allow this. */
  public Problem lacksRole() {
    return forbidden(
        "The token is valid, but its roles do not allow this request (security.md). Nothing was"
            + " written.");
  }

  public Problem rateLimited(long retryAfterSeconds) {
    count(429);
    return Problem.of(
        429,
        "rate-limited",
        "Too Many Requests",
        "This caller sent more requests than its rate limit allows; retry after "
            + retryAfterSeconds
            + " s (Retry-After). Nothing of this request was read or written.");
  }

  private void count(int status) {
    registry.counter("http.access.refused", "status", Integer.toString(status)).increment();
  }
}
