package io.alliancewatch.scoring.model;

import java.time.Instant;

/** Half-life arithmetic (scoring.md section 1): differences in seconds, fractions kept. */
final class Decay {

  private Decay() {}

  /** {@code to - from} in seconds, nanoseconds included. */
  static double secondsBetween(Instant from, Instant to) {
    return (to.getEpochSecond() - from.getEpochSecond()) + (to.getNano() - from.getNano()) / 1e9;
  }

  /** {@code 2^(-(to - from) / h)}: what is left of a unit of evidence after that time. */
  static double factor(Instant from, Instant to, double halfLifeSeconds) {
    return Math.pow(2.0, -secondsBetween(from, to) / halfLifeSeconds);
  }
}
