package io.alliancewatch.importer.send;

import java.time.Duration;

/**
 * How long to wait before retry {@code n}: doubling from {@code initial}, never more than {@code
 * max}, and never less than the server asked for with {@code Retry-After} (up to {@code max}).
 */
public record Backoff(int maxRetries, Duration initial, Duration max) {

  public static final Backoff DEFAULT =
      new Backoff(8, Duration.ofSeconds(1), Duration.ofSeconds(30));

  public Duration delay(int retry, Duration retryAfter) {
    long doubled = initial.toMillis() << Math.min(retry, 20);
    long wanted = Math.max(doubled, retryAfter == null ? 0 : retryAfter.toMillis());
    return Duration.ofMillis(Math.min(wanted, max.toMillis()));
  }
}
