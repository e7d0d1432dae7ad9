package io.alliancewatch.importer.core;

/** Turns one line of a source file (without its line break) into events or a skip. */
@FunctionalInterface
public interface LineMapper {

  LineOutcome map(String line);

  /**
   * Whether the first line is a header to pass over (not a row: neither read nor skipped in the
   * summary).
   */
  default boolean isHeader(String firstLine) {
    return false;
  }
}
