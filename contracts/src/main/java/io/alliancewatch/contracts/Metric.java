package io.alliancewatch.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The two scores of an alliance, as named on the wire ({@code cohesion}, {@code risk}). */
public enum Metric {
  COHESION("cohesion"),
  RISK("risk");

  private final String wireName;

  Metric(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Exact, case-sensitive lookup; {@code null} when the name is not a metric. */
  @JsonCreator
  public static Metric fromWireName(String name) {
    for (Metric metric : values()) {
      if (metric.wireName.equals(name)) {
        return metric;
      }
    }
    return null;
  }
}
