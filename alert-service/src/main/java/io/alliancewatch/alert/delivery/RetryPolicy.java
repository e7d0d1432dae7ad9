package io.alliancewatch.alert.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
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

  /**
   * Retry-After as delay-seconds or an HTTP date in any of RFC 9110's three forms (IMF-fixdate, the
   * obsolete RFC 850 and asctime forms, which recipients must accept); empty when it is none. More
   * seconds than a long holds is "longer than any cap".
   */
  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String text = value.trim();
    if (text.chars().allMatch(c -> c >= '0' && c <= '9') && !text.isEmpty()) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
      } catch (NumberFormatException e) {
        return Optional.of(Duration.ofSeconds(Long.MAX_VALUE)); // capped by the caller
      }
    }
    for (DateTimeFormatter form : httpDateForms(now)) {
      try {
        Instant at = ZonedDateTime.parse(text, form).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  private static List<DateTimeFormatter> httpDateForms(Instant now) {
    // RFC 850 has two-digit years: one more than 50 years ahead means the past century (RFC 9110)
    LocalDate base = now.atZone(ZoneOffset.UTC).toLocalDate().minusYears(49);
    DateTimeFormatter rfc850 =
        new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, base)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US)
            .withZone(ZoneOffset.UTC);
    DateTimeFormatter asctime =
        DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US)
            .withZone(ZoneOffset.UTC);
    return List.of(DateTimeFormatter.RFC_1123_DATE_TIME, rfc850, asctime);
  }
}
