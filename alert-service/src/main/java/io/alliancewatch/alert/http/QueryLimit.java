package io.alliancewatch.alert.http;

import io.alliancewatch.contracts.validation.FieldError;
import java.util.List;

/** The {@code limit} query parameter of a listing: a whole number in 1..1000. */
public final class QueryLimit {

  /** The most any listing returns. */
  public static final int MAX = 1000;

  private QueryLimit() {}

  /**
   * {@code text} as a limit, {@code fallback} when absent or empty; when it is not a whole number
   * in 1..{@link #MAX}, an error at {@code /limit} is added to {@code errors} (and {@code fallback}
   * returned).
   */
  public static int parse(String text, int fallback, List<FieldError> errors) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(
        new FieldError(
            "/limit", "must be a whole number in 1.." + MAX + " (default " + fallback + ")"));
    return fallback;
  }
}
