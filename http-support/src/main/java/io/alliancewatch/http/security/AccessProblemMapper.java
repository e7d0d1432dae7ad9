package io.alliancewatch.http.security;

import io.alliancewatch.contracts.validation.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What {@code @RolesAllowed} refuses in a JAX-RS resource, as problem+json: the check runs before
 * the resource method, so nothing of the request has been read or written.
 */
public class AccessProblemMapper {

  private final AccessProblems problems;

  public AccessProblemMapper(AccessProblems problems) {
    this.problems = problems;
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e) {
    return unauthorized(problems.noToken());
  }

  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    return unauthorized(problems.badToken());
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return Response.status(403).type(Problem.MEDIA_TYPE).entity(problems.lacksRole()).build();
  }

  /** A 401 problem+json with {@code WWW-Authenticate: Bearer}, as every refusal of a token. */
  public static Response unauthorized(Problem problem) {
    return Response.status(401)
        .type(Problem.MEDIA_TYPE)
        .header(HttpHeaders.WWW_AUTHENTICATE, AccessProblems.CHALLENGE)
        .entity(problem)
        .build();
  }
}
