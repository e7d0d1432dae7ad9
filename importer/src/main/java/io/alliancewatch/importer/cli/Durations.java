package io.alliancewatch.importer.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as people type them: {@code 250ms}, {@code 90s}, {@code 15m}, {@code 1h}, or ISO {@code
 * PT1M}.
 */
public final class Durations implements ITypeConverter<Duration> {

  private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h)");

  @Override
  public Duration convert(String text) {
    Matcher m = SHORT.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new TypeConversionException(
          "'" + text + "' is not a duration; write e.g. 500ms, 90s, 15m, 1h or PT1M");
    }
  }
}
