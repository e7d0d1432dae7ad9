package io.alliancewatch.scoring.model;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.IndicatorType.Category;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.ScoreRecord.Contributions;
import io.alliancewatch.contracts.ScoreRecord.Driver;
import io.alliancewatch.contracts.ScoreRecord.MemberSpending;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** One state read at one {@code asOf} (scoring.md sections 3, 4 and 7). */
final class Evaluation {

  static final String BASELINE = "BASELINE";
  static final String COHESION = "COHESION";
  private static final int DRIVERS = 5;

  /** Largest absolute effect first; ties: the smaller {@code (source, id)} first. */
  private static final Comparator<Driver> STRONGEST_FIRST =
      Comparator.comparingDouble((Driver d) -> -Math.abs(d.effect()))
          .thenComparing(Driver::source)
          .thenComparing(Driver::id);

  private final ModelConfig config;
  private final AllianceState state;
  private final Alliance alliance;
  private final Instant asOf;

  Evaluation(ModelConfig config, AllianceState state, Alliance alliance, Instant asOf) {
    this.config = config;
    this.state = state;
    this.alliance = alliance;
    this.asOf = asOf;
  }

  ScoreRecord toRecord(String allianceId) {
    List<SpendingReport> reports = new ArrayList<>();
    List<MemberSpending> below = new ArrayList<>();
    Double guideline = guideline();
    // the spending map is sorted by country, so both lists come out sorted
    for (Map.Entry<String, SpendingReport> entry : state.spending().entrySet()) {
      if (alliance != null && !alliance.hasMember(entry.getKey())) {
        continue; // a member that left no longer shares the burden
      }
      reports.add(entry.getValue());
      if (guideline != null && entry.getValue().value() < guideline) {
        below.add(new MemberSpending(entry.getKey(), entry.getValue().value()));
      }
    }
    double shortfall = shortfall(reports, guideline);

    Map<String, Double> cohesionTerms = new LinkedHashMap<>();
    cohesionTerms.put(BASELINE, config.cohesionBaseline());
    Map<String, Double> riskTerms = new LinkedHashMap<>();
    riskTerms.put(BASELINE, config.riskBaseline());
    for (IndicatorType type : ModelConfig.decayingTypes()) {
      // + 0.0: a friction type without pressure contributes 0, not -0.0 (scoring.md section 7)
      double term =
          ScoringModel.sign(type) * config.weight(type).beta() * pressureAtAsOf(type) + 0.0;
      (type.category() == Category.THREAT ? riskTerms : cohesionTerms).put(type.name(), term);
    }
    cohesionTerms.put(
        IndicatorType.DEFENSE_SPENDING.name(), -config.spendingShortfallWeight() * shortfall + 0.0);
    double cohesion = 100.0 * sigmoid(sum(cohesionTerms));

    Map<String, Double> riskWithCohesion = new LinkedHashMap<>();
    riskWithCohesion.put(BASELINE, riskTerms.remove(BASELINE));
    riskWithCohesion.put(COHESION, config.cohesionWeight() * (1.0 - cohesion / 100.0));
    riskWithCohesion.putAll(riskTerms);
    double risk = 100.0 * sigmoid(sum(riskWithCohesion));

    return new ScoreRecord(
        allianceId,
        asOf,
        cohesion,
        risk,
        config.modelVersion(),
        state.referenceTime(),
        state.eventCount(),
        new Contributions(cohesionTerms, riskWithCohesion),
        drivers(),
        shortfall,
        below,
        notReporting());
  }

  private Double guideline() {
    Double guideline = alliance == null ? null : alliance.guidelinePctGdp();
    // a guideline of 0 asks nothing of anyone: no shortfall, and no division by zero
    return guideline != null && guideline > 0 ? guideline : null;
  }

  private static double shortfall(List<SpendingReport> reports, Double guideline) {
    if (guideline == null || reports.isEmpty()) {
      return 0.0;
    }
    double total = 0.0;
    for (SpendingReport report : reports) {
      total += Math.max(0.0, guideline - report.value()) / guideline;
    }
    return total / reports.size();
  }

  private double pressureAtAsOf(IndicatorType type) {
    double atReference = state.pressureAtReference(type);
    if (atReference == 0.0 || state.referenceTime() == null) {
      return atReference;
    }
    double h = config.weight(type).halfLifeSeconds();
    return atReference * Decay.factor(state.referenceTime(), asOf, h);
  }

  private List<Driver> drivers() {
    // the five strongest, kept in order while going through every candidate: the same list as
    // sorting them all and taking five, without the sort (a fifth of the stream thread's CPU)
    List<Driver> strongest = new ArrayList<>(DRIVERS + 1);
    for (IndicatorType type : ModelConfig.decayingTypes()) {
      ModelConfig.TypeWeight weight = config.weight(type);
      for (Candidate c : state.candidates(type)) {
        double effect =
            ScoringModel.sign(type)
                    * weight.beta()
                    * c.weight()
                    * Decay.factor(c.occurredAt(), asOf, weight.halfLifeSeconds())
                + 0.0;
        Driver driver = new Driver(c.source(), c.id(), type, c.country(), effect, c.url());
        int at = strongest.size();
        while (at > 0 && STRONGEST_FIRST.compare(driver, strongest.get(at - 1)) < 0) {
          at--;
        }
        if (at < DRIVERS) {
          strongest.add(at, driver);
          if (strongest.size() > DRIVERS) {
            strongest.remove(DRIVERS);
          }
        }
      }
    }
    return List.copyOf(strongest);
  }

  private List<String> notReporting() {
    if (alliance == null) {
      return List.of();
    }
    TreeSet<String> silent = new TreeSet<>(alliance.members());
    silent.removeAll(state.spending().keySet());
    return List.copyOf(silent);
  }

  private static double sum(Map<String, Double> terms) {
    double z = 0.0;
    for (double term : terms.values()) {
      z += term;
    }
    return z;
  }

  private static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }
}
