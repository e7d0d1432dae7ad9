package io.alliancewatch.importer.gdelt;

import static io.alliancewatch.contracts.IndicatorType.COMMITMENT_REAFFIRMED;
import static io.alliancewatch.contracts.IndicatorType.CYBER_INCIDENT;
import static io.alliancewatch.contracts.IndicatorType.HYBRID_THREAT;
import static io.alliancewatch.contracts.IndicatorType.INTELLIGENCE_SHARING;
import static io.alliancewatch.contracts.IndicatorType.JOINT_EXERCISE;
import static io.alliancewatch.contracts.IndicatorType.MILITARY_INCIDENT;
import static io.alliancewatch.contracts.IndicatorType.POLITICAL_TENSION;
import static io.alliancewatch.contracts.IndicatorType.TERRORISM;
import static io.alliancewatch.importer.gdelt.CameoTable.Relation.AGAINST;
import static io.alliancewatch.importer.gdelt.CameoTable.Relation.INSIDE;

import io.alliancewatch.contracts.IndicatorType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The two CAMEO tables of sources.md, in one place. To change the mapping, change {@link #RULES}:
 * within a relation the first matching rule wins, so a rule on a full code or a base code must come
 * before the rule on its root (code 176 is a cyber incident before root 17 makes it a hybrid
 * threat).
 */
public final class CameoTable {

  /** How a row's two actors stand to one alliance. */
  public enum Relation {
    /** Both actors are members, and they differ: {@code country = a1, counterpart = a2}. */
    INSIDE,
    /**
     * Actor 2 is a member, actor 1 a known country outside: {@code country = a2, counterpart = a1}.
     */
    AGAINST
  }

  static final List<Rule> RULES =
      List.of(
          // inside the alliance
          rule(INSIDE, base("062"), JOINT_EXERCISE),
          rule(INSIDE, base("064"), INTELLIGENCE_SHARING),
          rule(INSIDE, root(10, 11, 12, 13, 14, 16), POLITICAL_TENSION),
          rule(INSIDE, root(5), COMMITMENT_REAFFIRMED),
          rule(INSIDE, root(15, 17, 18, 19, 20), MILITARY_INCIDENT),
          // against the alliance
          rule(AGAINST, code("176"), CYBER_INCIDENT),
          rule(AGAINST, base("183", "185", "186"), TERRORISM),
          rule(AGAINST, root(13, 17), HYBRID_THREAT),
          rule(AGAINST, root(15, 18, 19, 20), MILITARY_INCIDENT));

  private CameoTable() {}

  /** The indicator for a row's codes in this relation, or empty when no rule matches. */
  public static Optional<IndicatorType> indicatorFor(
      Relation relation, String eventCode, String baseCode, int rootCode) {
    for (Rule rule : RULES) {
      if (rule.relation() == relation && rule.codes().matches(eventCode, baseCode, rootCode)) {
        return Optional.of(rule.type());
      }
    }
    return Optional.empty();
  }

  /** One line of a table. */
  record Rule(Relation relation, Codes codes, IndicatorType type) {}

  /**
   * Which CAMEO codes a rule takes. {@code EventCode} and {@code EventBaseCode} are compared as
   * printed strings, {@code EventRootCode} as a number (sources.md).
   */
  record Codes(Set<String> eventCodes, Set<String> baseCodes, Set<Integer> rootCodes) {
    boolean matches(String eventCode, String baseCode, int rootCode) {
      return eventCodes.contains(eventCode)
          || baseCodes.contains(baseCode)
          || rootCodes.contains(rootCode);
    }
  }

  private static Rule rule(Relation relation, Codes codes, IndicatorType type) {
    return new Rule(relation, codes, type);
  }

  private static Codes code(String... codes) {
    return new Codes(Set.of(codes), Set.of(), Set.of());
  }

  private static Codes base(String... codes) {
    return new Codes(Set.of(), Set.of(codes), Set.of());
  }

  private static Codes root(Integer... codes) {
    return new Codes(Set.of(), Set.of(), Set.of(codes));
  }
}
