package io.alliancewatch.scoring.model;

import io.alliancewatch.contracts.IndicatorEvent.EventKey;
import io.alliancewatch.contracts.IndicatorType;
import java.time.Instant;
import java.util.Comparator;

/**
 * An event that may be named as a driver: its weight {@code s * c} and when it occurred. Its effect
 * at {@code asOf} is {@code beta * weight * 2^(-(asOf - t) / h)}. {@code url} is the evidence the
 * feeder gave, or null.
 */
public record Candidate(
    String source,
    String id,
    IndicatorType type,
    String country,
    double weight,
    Instant occurredAt,
    String url) {

  public EventKey key() {
    return new EventKey(source, id);
  }

  /**
   * Largest effect first, then the smaller {@code (source, id)}, within one type. Compared in log
   * space ({@code log2(w) + t/h}) because the order of one type's events never changes as they fade
   * together, and a comparison at a far {@code asOf} would underflow to a tie.
   */
  static Comparator<Candidate> strongestFirst(double halfLifeSeconds) {
    Comparator<Candidate> byStrength =
        Comparator.comparingDouble(
            (Candidate c) ->
                c.weight <= 0
                    ? Double.NEGATIVE_INFINITY
                    : Math.log(c.weight) / Math.log(2.0)
                        + Decay.secondsBetween(Instant.EPOCH, c.occurredAt) / halfLifeSeconds);
    return byStrength.reversed().thenComparing(Candidate::key);
  }
}
