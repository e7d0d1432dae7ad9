package io.alliancewatch.http.security;

import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.contracts.validation.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/**
 * Access control of what JAX-RS does not serve: the Server-Sent Events routes of the services
 * ({@link #requiring}), the framework's {@code /q/metrics} (a viewer's) and {@code /q/openapi} (any
 * caller with a valid token), each also under the per-caller rate limit ({@link RateLimitFilter}
 * limits the JAX-RS requests). {@code /q/health} stays open. The refusals are the same problem+json
 * as {@link AccessProblemMapper}'s.
 */
@ApplicationScoped
public class RouteAccess {

  /** Where this runs among the routes: after Quarkus' security handlers, before every route. */
  static final int ORDER = -5;

  /** The key under which a route finds the caller that {@link #requiring} admitted. */
  public static final String CALLER = "alliancewatch.caller";

  private final AccessProblems problems;
  private final RateLimiter limiter;

  public RouteAccess(AccessProblems problems, RateLimiter limiter) {
    this.problems = problems;
    this.limiter = limiter;
  }

  void routes(@Observes Router router) {
    router.route("/q/metrics*").order(ORDER).handler(requiring(Access.VIEWER));
    router.route("/q/openapi*").order(ORDER).handler(requiring(null));
  }

  /**
   * A handler that lets the request on only for a caller with {@code role} ({@code null}: any valid
   * token); the caller is put in the context under {@link #CALLER}.
   */
  public Handler<RoutingContext> requiring(String role) {
    return context ->
        identify(
            context,
            (identity, failure) -> {
              if (failure != null) {
                unauthorized(context, problems.badToken());
              } else if (identity.isAnonymous()) {
                unauthorized(context, problems.noToken());
              } else if (role != null && !identity.hasRole(role)) {
                end(context, 403, problems.lacksRole(), null);
              } else {
                OptionalLong wait = limiter.take(identity.getPrincipal().getName());
                if (wait.isPresent()) {
                  end(
                      context,
                      429,
                      problems.rateLimited(wait.getAsLong()),
                      Long.toString(wait.getAsLong()));
                  return;
                }
                context.put(CALLER, Caller.of(identity));
                context.next();
              }
            });
  }

  /**
   * The caller of this request (verifying its token once; Quarkus keeps the result for the rest of
   * the request), then {@code then} on the request's own context.
   */
  private static void identify(
      RoutingContext context, BiConsumer<SecurityIdentity, Throwable> then) {
    Uni<SecurityIdentity> deferred = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
    if (deferred == null) {
      then.accept(null, new AuthenticationFailedException("no authentication mechanism"));
      return;
    }
    Context own = Vertx.currentContext();
    deferred
        .subscribe()
        .with(
            identity -> onContext(own, () -> then.accept(identity, null)),
            failure -> onContext(own, () -> then.accept(null, failure)));
  }

  private static void onContext(Context own, Runnable action) {
    if (own == null || Vertx.currentContext() == own) {
      action.run();
    } else {
      own.runOnContext(ignored -> action.run());
    }
  }

  private static void unauthorized(RoutingContext context, Problem problem) {
    context.response().putHeader("WWW-Authenticate", AccessProblems.CHALLENGE);
    end(context, 401, problem, null);
  }

  private static void end(RoutingContext context, int status, Problem problem, String retryAfter) {
    if (context.response().ended()) {
      return;
    }
    String body;
    try {
      body = Json.mapper().writeValueAsString(problem);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (retryAfter != null) {
      context.response().putHeader("Retry-After", retryAfter);
    }
    context
        .response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(body);
  }
}
