package io.alliancewatch.contracts.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which side of the threshold is a breach (alerts.md). */
public enum Condition {
  ABOVE("above"),
  BELOW("below");

  private final String wireName;

  Condition(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** Exact, case-sensitive lookup; {@code null} when the name is not a condition. */
  @JsonCreator
  public static Condition fromWireName(String name) {
    for (Condition condition : values()) {
      if (condition.wireName.equals(name)) {
        return condition;
      }
    }
    return null;
  }
}
