package io.alliancewatch.scoring.model;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.IndicatorType.Category;
import io.alliancewatch.contracts.ScoreRecord;
import java.time.Instant;

/**
 * The scoring model of scoring.md as plain Java: counts events into an {@link AllianceState} and
 * evaluates a state at any {@code asOf >= R}. No Kafka here; the topology and the REST API call it.
 */
public final class ScoringModel {

  /** What became of an event offered to the model. */
  public enum Outcome {
    COUNTED,
    DUPLICATE
  }

  private final ModelConfig config;

  public ScoringModel(ModelConfig config) {
    this.config = config;
  }

  public ModelConfig config() {
    return config;
  }

  public String modelVersion() {
    return config.modelVersion();
  }

  /** A state for an alliance that has seen nothing yet. */
  public AllianceState newState() {
    return new AllianceState(config.modelVersion());
  }

  /**
   * Counts {@code event} (already checked by {@link EventCheck}) into {@code state}, unless the
   * ledger has seen its {@code (source, id)} for this alliance: the first to arrive wins.
   */
  public Outcome accept(
      String allianceId, AllianceState state, IndicatorEvent event, EventLedger ledger) {
    if (!ledger.firstSighting(allianceId, event.key())) {
      return Outcome.DUPLICATE;
    }
    state.advanceReference(event.occurredAt(), config);
    if (event.type().category() == Category.BURDEN_SHARING) {
      state.addSpending(
          event.country(),
          new SpendingReport(event.value(), event.occurredAt(), event.source(), event.id()));
    } else {
      state.addEvidence(
          new Candidate(
              event.source(),
              event.id(),
              event.type(),
              event.country(),
              event.severity() * event.effectiveConfidence(),
              event.occurredAt(),
              event.url()),
          config);
    }
    state.countEvent();
    return Outcome.COUNTED;
  }

  /**
   * The score record of an alliance at {@code asOf}.
   *
   * @param state what was counted, or {@code null} when the alliance has no event
   * @param alliance the registry entry (members, guideline), or {@code null} when unknown
   * @throws AsOfBeforeReferenceException when {@code asOf} is before {@code R}
   */
  public ScoreRecord evaluate(
      String allianceId, AllianceState state, Alliance alliance, Instant asOf) {
    Instant reference = state == null ? null : state.referenceTime();
    if (reference != null && asOf.isBefore(reference)) {
      throw new AsOfBeforeReferenceException(asOf, reference);
    }
    return new Evaluation(config, state == null ? newState() : state, alliance, asOf)
        .toRecord(allianceId);
  }

  /** {@code max(R, now)}: the {@code asOf} of an emitted record (scoring.md section 5). */
  public static Instant emissionTime(AllianceState state, Instant now) {
    Instant reference = state == null ? null : state.referenceTime();
    return reference != null && reference.isAfter(now) ? reference : now;
  }

  /** Whether {@code type} raises or lowers its score: friction counts against cohesion. */
  static double sign(IndicatorType type) {
    return type.category() == Category.FRICTION ? -1.0 : 1.0;
  }
}
