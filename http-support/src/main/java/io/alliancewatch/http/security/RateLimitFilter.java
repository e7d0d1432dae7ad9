package io.alliancewatch.http.security;

import io.alliancewatch.contracts.validation.Problem;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The per-caller rate limit in front of every JAX-RS request (security.md): past it, 429 with
 * {@code Retry-After}, before anything of the request is read. It runs in Quarkus REST's own chain,
 * with the caller Quarkus has already verified or is about to, so it adds no step of its own to a
 * request (the streams, which are Vert.x routes, are limited by {@link RouteAccess}).
 */
public class RateLimitFilter {

  private final CurrentIdentityAssociation identities;
  private final RateLimiter limiter;
  private final AccessProblems problems;

  public RateLimitFilter(
      CurrentIdentityAssociation identities, RateLimiter limiter, AccessProblems problems) {
    this.identities = identities;
    this.limiter = limiter;
    this.problems = problems;
  }

  @ServerRequestFilter
  public Uni<Response> limit() {
    return identities
        .getDeferredIdentity()
        .onFailure()
        .recoverWithNull() // a token that is not valid: the endpoint's check answers 401
        .map(
            identity -> {
              if (identity == null || identity.isAnonymous()) {
                return null;
              }
              OptionalLong wait = limiter.take(identity.getPrincipal().getName());
              if (wait.isEmpty()) {
                return null;
              }
              return Response.status(429)
                  .type(Problem.MEDIA_TYPE)
                  .header("Retry-After", Long.toString(wait.getAsLong()))
                  .entity(problems.rateLimited(wait.getAsLong()))
                  .build();
            });
  }
}
