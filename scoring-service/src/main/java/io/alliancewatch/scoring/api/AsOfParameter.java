package io.alliancewatch.scoring.api;

import io.alliancewatch.contracts.Instants;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An instant query parameter ({@code asOf}, the history's {@code from} and {@code to}): absent, or
 * an RFC 3339 instant (scoring.md section 5).
 */
final class AsOfParameter {

  /**
   * A {@code +hh:mm} offset written unencoded in a URL arrives as a space (form decoding); a space
   * can mean nothing else there, so it is read back as the plus it was.
   */
  private static final Pattern PLUS_DECODED_AS_SPACE = Pattern.compile(" (?=[0-9]{2}:[0-9]{2}$)");

  private AsOfParameter() {}

  static Optional<Instant> parse(String name, String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Instants.parseRfc3339(PLUS_DECODED_AS_SPACE.matcher(raw).replaceFirst("+")));
    } catch (DateTimeParseException e) {
      throw ApiProblem.badInstant(name, name + " '" + raw + "' " + e.getMessage());
    }
  }
}
