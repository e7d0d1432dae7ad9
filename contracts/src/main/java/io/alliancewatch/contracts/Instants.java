package io.alliancewatch.contracts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RFC 3339 instants as the contract reads them: extended format, seconds and a zone required, at
 * most nine fractional digits, lower-case {@code t} and {@code z} allowed, no leap second, no hour
 * 24 (edge-cases.md).
 */
public final class Instants {

  private static final Pattern RFC3339 =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})");

  private Instants() {}

  /**
   * The instant {@code text} names.
   *
   * @throws DateTimeParseException with a message a feeder can act on
   */
  public static Instant parseRfc3339(String text) {
    if (text == null || !RFC3339.matcher(text).matches()) {
      throw new DateTimeParseException(
          "must be an RFC 3339 instant with seconds and a zone, e.g. 2026-03-10T12:00:00Z or"
              + " 2026-03-10T13:00:00.5+01:00",
          String.valueOf(text),
          0);
    }
    try {
      // ISO_OFFSET_DATE_TIME resolves strictly: no 24:00, no second 60, no 31 April
      return OffsetDateTime.parse(
              text.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new DateTimeParseException(
          "is not a valid date and time ("
              + e.getMessage().replaceFirst("^Text '.*' could not be parsed: ", "")
              + ")",
          text,
          e.getErrorIndex(),
          e);
    }
  }
}
