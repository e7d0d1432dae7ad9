package io.alliancewatch.alert.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try again: the next step of the schedule with ± jitter, or the receiver's Retry-After on
 * 429 and 503 (seconds or an HTTP date, capped). Each retry uses up one step either way.
 */
public final class RetryPolicy {

  private final List<Duration> schedule;
  private final double jitter;
  private final Duration maxRetryAfter;
  private final DoubleSupplier random;

  public RetryPolicy(
      List<Duration> schedule, double jitter, Duration maxRetryAfter, DoubleSupplier random) {
    this.schedule = List.copyOf(schedule);
    this.jitter = jitter;
    this.maxRetryAfter = maxRetryAfter;
    this.random = random;
  }

  /** How many attempts a delivery gets: the first and one per step. */
  public int maxAttempts() {
    return schedule.size() + 1;
  }

  /**
   * The delay before the next attempt after {@code attemptsMade} attempts, or empty when the
   * schedule is used up.
   */
  public Optional<Duration> next(
      int attemptsMade, Integer statusCode, String retryAfter, Instant now) {
    int step = attemptsMade - 1;
    if (step < 0 || step >= schedule.size()) {
      return Optional.empty();
    }
    if (statusCode != null && (statusCode == 429 || statusCode == 503) && retryAfter != null) {
      Optional<Duration> asked = parseRetryAfter(retryAfter, now);
      if (asked.isPresent()) {
        return Optional.of(asked.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked.get());
      }
    }
    Duration base = schedule.get(step);
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    return Optional.of(Duration.ofMillis(Math.max(0, Math.round(base.toMillis() * factor))));
  }

  /** Retry-After as delay-seconds or an HTTP date (RFC 9110); empty when it is neither. */
  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String text = value.trim();
    if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
      } catch (NumberFormatException e) {
        return Optional.empty(); // too many digits: ignore it and keep the schedule
      }
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
