package io.alliancewatch.contracts.security;

import java.util.List;

/**
 * Who may do what (security.md): the roles a token's {@code groups} claim names, the claim of a
 * feeder's allowed {@code source} values, and the Kafka headers that record who wrote a record.
 */
public final class Access {

  /** Reads scores, history, both streams, the dashboard, the registry and the alert history. */
  public static final String VIEWER = "viewer";

  /** Posts indicators whose {@code source} is one of its token's {@link #SOURCES_CLAIM}. */
  public static final String FEEDER = "feeder";

  /** A viewer that also owns subscriptions and their deliveries. */
  public static final String SUBSCRIBER = "subscriber";

  /** Everything: the registry, any subscription, any source. */
  public static final String ADMIN = "admin";

  public static final List<String> ROLES = List.of(VIEWER, FEEDER, SUBSCRIBER, ADMIN);

  /** The claim listing the {@code source} values a feeder may write. */
  public static final String SOURCES_CLAIM = "sources";

  /** The claim holding the roles by default ({@code smallrye.jwt.path.groups} changes it). */
  public static final String GROUPS_CLAIM = "groups";

  /** The issuer of tokens made by {@code ./alliance-watch token} for the local run. */
  public static final String LOCAL_ISSUER = "alliance-watch-local";

  /** The cookie in which the dashboard keeps its token (HttpOnly, SameSite=Strict). */
  public static final String TOKEN_COOKIE = "alliance_watch_token";

  /** Kafka header of each accepted indicator: the feeder's {@code sub}. */
  public static final String FEEDER_HEADER = "x-feeder";

  /** Kafka header of registry and subscription changes: the {@code sub} that made them. */
  public static final String CHANGED_BY_HEADER = "x-changed-by";

  private Access() {}
}
