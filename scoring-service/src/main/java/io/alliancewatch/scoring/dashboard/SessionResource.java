package io.alliancewatch.scoring.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.Problem;
import io.alliancewatch.http.security.AccessProblemMapper;
import io.alliancewatch.http.security.AccessProblems;
import io.alliancewatch.http.security.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dashboard's sign-in (security.md): {@code POST /api/session} with {@code {"token": "<jwt>"}}
 * checks the token as every endpoint does and keeps it in an {@code HttpOnly}, {@code
 * SameSite=Strict} cookie, which the browser then sends with every request of the page, its two
 * Server-Sent Events streams included (an EventSource cannot send headers). {@code GET} says who is
 * signed in; {@code DELETE} signs out (the cookie is cleared).
 */
@Path("/api/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

  /** Who is signed in, as the page shows it. */
  public record Session(String subject, List<String> roles, Instant expiresAt) {}

  private final JWTParser parser;
  private final AccessProblems problems;
  private final SecurityIdentity identity;

  public SessionResource(JWTParser parser, AccessProblems problems, SecurityIdentity identity) {
    this.parser = parser;
    this.problems = problems;
    this.identity = identity;
  }

  @POST
  @PermitAll
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Sign in to the dashboard",
      description =
          "Body {\"token\": \"<jwt>\"}: the token is verified as every endpoint verifies it, then"
              + " kept in an HttpOnly, SameSite=Strict cookie until it expires.")
  public Response signIn(byte[] body, @Context UriInfo uri) {
    String raw = tokenOf(body);
    JsonWebToken token;
    try {
      token = parser.parse(raw);
    } catch (ParseException e) {
      return AccessProblemMapper.unauthorized(problems.badToken());
    }
    Instant expiresAt = Instant.ofEpochSecond(token.getExpirationTime());
    long maxAge = Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
    NewCookie cookie = cookie(uri, raw, maxAge).build();
    Set<String> roles = new TreeSet<>(token.getGroups() == null ? Set.of() : token.getGroups());
    return Response.ok(new Session(token.getSubject(), List.copyOf(roles), expiresAt))
        .cookie(cookie)
        .build();
  }

  @GET
  @Authenticated
  @Operation(summary = "Who is signed in (401 when nobody is)")
  public Session current() {
    Caller caller = Caller.of(identity);
    return new Session(
        caller.subject(), List.copyOf(new TreeSet<>(caller.roles())), caller.expiry().orElse(null));
  }

  @DELETE
  @PermitAll
  @Operation(summary = "Sign out: the cookie is cleared")
  public Response signOut(@Context UriInfo uri) {
    NewCookie cleared = cookie(uri, "", 0).expiry(java.util.Date.from(Instant.EPOCH)).build();
    return Response.noContent().cookie(cleared).build();
  }

  /** The sign-in cookie: HttpOnly, SameSite=Strict, the whole site, Secure over https. */
  private static NewCookie.Builder cookie(UriInfo uri, String value, long maxAgeSeconds) {
    return new NewCookie.Builder(Access.TOKEN_COOKIE)
        .value(value)
        .path("/")
        .httpOnly(true)
        .sameSite(NewCookie.SameSite.STRICT)
        .secure("https".equalsIgnoreCase(uri.getBaseUri().getScheme()))
        .maxAge((int) Math.min(Integer.MAX_VALUE, maxAgeSeconds));
  }

  private static String tokenOf(byte[] body) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(body);
    } catch (IOException e) {
      node = null;
    }
    JsonNode token = node == null ? null : node.get("token");
    if (token == null || !token.isTextual() || token.textValue().isBlank()) {
      throw new jakarta.ws.rs.WebApplicationException(
          Response.status(400)
              .type(Problem.MEDIA_TYPE)
              .entity(
                  Problem.of(
                          400,
                          "malformed-session",
                          "Bad Request",
                          "Send {\"token\": \"<jwt>\"} (./alliance-watch token --role viewer).")
                      .withErrors(List.of(new FieldError("/token", "is required: a JWT"))))
              .build());
    }
    return token.textValue().trim();
  }
}
