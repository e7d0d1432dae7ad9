package io.alliancewatch.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a score record says (scoring.md section 7): written to {@code alliance.scores}, served over
 * REST and the stream.
 */
@JsonPropertyOrder({
  "allianceId",
  "asOf",
  "cohesion",
  "risk",
  "modelVersion",
  "referenceTime",
  "eventCount",
  "contributions",
  "drivers",
  "spendingShortfall",
  "membersBelowGuideline",
  "membersNotReporting"
})
public record ScoreRecord(
    String allianceId,
    Instant asOf,
    double cohesion,
    double risk,
    String modelVersion,
    Instant referenceTime,
    long eventCount,
    Contributions contributions,
    List<Driver> drivers,
    double spendingShortfall,
    List<MemberSpending> membersBelowGuideline,
    List<String> membersNotReporting) {

  /** Name to log-odds, every name always present (zeros included). */
  public record Contributions(Map<String, Double> cohesion, Map<String, Double> risk) {
    /** The map of one metric: {@code cohesion} or {@code risk}. */
    public Map<String, Double> of(Metric metric) {
      return metric == Metric.COHESION ? cohesion : risk;
    }
  }

  /**
   * One of the events that moved the score most at {@code asOf}; {@code url} is the event's
   * evidence when its feeder gave one (left out otherwise), so a reader can follow a driver to its
   * source.
   */
  @JsonPropertyOrder({"source", "id", "type", "country", "effect", "url"})
  public record Driver(
      String source,
      String id,
      IndicatorType type,
      String country,
      double effect,
      @JsonInclude(JsonInclude.Include.NON_NULL) String url) {}

  /** A member's latest reported defence spending, % of GDP. */
  @JsonPropertyOrder({"country", "value"})
  public record MemberSpending(String country, double value) {}

  /** The value of one metric of this record. */
  public double value(Metric metric) {
    return metric == Metric.COHESION ? cohesion : risk;
  }
}
