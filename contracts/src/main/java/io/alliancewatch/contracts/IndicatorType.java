package io.alliancewatch.contracts;

/** The kinds of evidence a feeder reports (domain.md, scoring.md section 2). */
public enum IndicatorType {
  POLITICAL_TENSION(Category.FRICTION),
  PUBLIC_OPINION_SHIFT(Category.FRICTION),
  ESPIONAGE(Category.FRICTION),
  COMMITMENT_WITHDRAWAL(Category.FRICTION),
  JOINT_EXERCISE(Category.BONDING),
  INTELLIGENCE_SHARING(Category.BONDING),
  COMMITMENT_REAFFIRMED(Category.BONDING),
  CYBER_INCIDENT(Category.THREAT),
  MILITARY_INCIDENT(Category.THREAT),
  HYBRID_THREAT(Category.THREAT),
  TERRORISM(Category.THREAT),
  CLIMATE_DISASTER(Category.THREAT),
  PANDEMIC(Category.THREAT),
  DEFENSE_SPENDING(Category.BURDEN_SHARING);

  /** What an indicator does to an alliance. */
  public enum Category {
    /** Pulls the alliance apart: lowers cohesion. */
    FRICTION,
    /** Binds it: raises cohesion. */
    BONDING,
    /** Threatens it from outside: raises risk. */
    THREAT,
    /** A member's defence spending against the guideline. */
    BURDEN_SHARING
  }

  private final Category category;

  IndicatorType(Category category) {
    this.category = category;
  }

  public Category category() {
    return category;
  }

  /** Whether {@code name} is exactly (case-sensitively) one of the types. */
  public static boolean isKnown(String name) {
    for (IndicatorType type : values()) {
      if (type.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
