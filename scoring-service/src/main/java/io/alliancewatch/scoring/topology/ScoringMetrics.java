package io.alliancewatch.scoring.topology;

import java.time.Duration;

/**
 * What the topology counts. Every record it reads ends in exactly one of counted, duplicate or
 * rejected, so nothing disappears unaccounted; the Quarkus service backs this with Micrometer.
 */
public interface ScoringMetrics {

  /** An event counted into an alliance's state. */
  void counted(String allianceId);

  /** A second event with a {@code (source, id)} the alliance already counted. */
  void duplicate(String allianceId);

  /**
   * A record scoring cannot use: {@code reason} is {@code unreadable}, {@code invalid} or {@code
   * unreadable-registry}.
   */
  void rejected(String reason);

  /** A score record written; {@code cause} is {@code event} or {@code tick}. */
  void emitted(String cause);

  /** From ingest's {@code ingestedAt} to the score computed from the event. */
  void ingestToScore(Duration lag);

  /** One wall-clock tick: every alliance of a task re-evaluated, and those that moved emitted. */
  void tick(Duration took);

  /**
   * The emission's interval changed: the emit interval, or longer while commits are slow (a
   * multiple of their cost).
   */
  default void emitInterval(Duration interval) {}

  /** Counts nothing: for tools that do not report metrics. */
  static ScoringMetrics none() {
    return new ScoringMetrics() {
      @Override
      public void counted(String allianceId) {}

      @Override
      public void duplicate(String allianceId) {}

      @Override
      public void rejected(String reason) {}

      @Override
      public void emitted(String cause) {}

      @Override
      public void ingestToScore(Duration lag) {}

      @Override
      public void tick(Duration took) {}
    };
  }
}
