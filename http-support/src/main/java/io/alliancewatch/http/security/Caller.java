package io.alliancewatch.http.security;

import io.alliancewatch.contracts.security.Access;
import io.quarkus.security.identity.SecurityIdentity;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as the services need it: the token's {@code sub}, whether it is an admin, and for
 * a feeder the {@code source} values it may write.
 */
public record Caller(String subject, Set<String> roles, Set<String> sources, Instant expiresAt) {

  public static Caller of(SecurityIdentity identity) {
    if (identity.isAnonymous()) {
      throw new IllegalStateException("no caller: the request was not authenticated");
    }
    Set<String> sources = Set.of();
    Instant expiresAt = null;
    if (identity.getPrincipal() instanceof JsonWebToken token) {
      sources = stringsOf(token.getClaim(Access.SOURCES_CLAIM));
      expiresAt =
          token.getExpirationTime() > 0 ? Instant.ofEpochSecond(token.getExpirationTime()) : null;
    }
    return new Caller(
        identity.getPrincipal().getName(), Set.copyOf(identity.getRoles()), sources, expiresAt);
  }

  public boolean isAdmin() {
    return roles.contains(Access.ADMIN);
  }

  public boolean has(String role) {
    return roles.contains(role);
  }

  /** Whether this caller may write events of {@code source}: an admin any, a feeder its own. */
  public boolean maySend(String source) {
    return isAdmin() || sources.contains(source);
  }

  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  /** A claim as a set of strings: a JSON array of strings, or one string. */
  private static Set<String> stringsOf(Object claim) {
    if (claim == null) {
      return Set.of();
    }
    if (claim instanceof String s) {
      return Set.of(s);
    }
    if (claim instanceof jakarta.json.JsonArray array) {
      return Set.copyOf(
          array.stream()
              .filter(v -> v instanceof jakarta.json.JsonString)
              .map(v -> ((jakarta.json.JsonString) v).getString())
              .toList());
    }
    if (claim instanceof Collection<?> values) {
      return Set.copyOf(values.stream().map(String::valueOf).toList());
    }
    return Set.copyOf(List.of(String.valueOf(claim)));
  }
}
