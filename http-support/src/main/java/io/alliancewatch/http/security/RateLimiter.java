package io.alliancewatch.http.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A token bucket per caller ({@code sub}): {@code alliancewatch.rate-limit.requests-per-second}
 * refilled greedily, up to {@code alliancewatch.rate-limit.burst} at once. The buckets live in a
 * cache bounded in size and idle time, so the heap does not grow with the number of callers.
 */
@ApplicationScoped
public class RateLimiter {

  static final long MAX_CALLERS = 100_000;

  private final long perSecond;
  private final long burst;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder()
          .maximumSize(MAX_CALLERS)
          .expireAfterAccess(Duration.ofMinutes(10))
          .build();

  public RateLimiter(
      @ConfigProperty(name = "alliancewatch.rate-limit.requests-per-second") long perSecond,
      @ConfigProperty(name = "alliancewatch.rate-limit.burst") long burst) {
    if (perSecond <= 0 || burst <= 0) {
      throw new IllegalArgumentException(
          "alliancewatch.rate-limit.requests-per-second and .burst must be positive");
    }
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /**
   * Takes one request of {@code subject}'s allowance: empty if allowed, else whole seconds to wait.
   */
  public OptionalLong take(String subject) {
    ConsumptionProbe probe = buckets.get(subject, s -> newBucket()).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return OptionalLong.empty();
    }
    long nanos = probe.getNanosToWaitForRefill();
    return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(burst)
                .refillGreedy(perSecond, Duration.ofSeconds(1))
                .build())
        .build();
  }
}
