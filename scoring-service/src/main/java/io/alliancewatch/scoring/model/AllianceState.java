package io.alliancewatch.scoring.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.alliancewatch.contracts.IndicatorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What scoring remembers of one alliance: enough to answer any {@code asOf >= R} exactly, and small
 * whatever the number of events (scoring.md sections 1, 3 and 7). Pressures are kept at the
 * reference time {@code R}; for each type only the five strongest events stay driver candidates.
 * Stored as JSON in the scoring state store, so it survives restarts through its changelog.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class AllianceState {

  /** Driver candidates kept per type: enough for the five drivers of any {@code asOf}. */
  static final int CANDIDATES_PER_TYPE = 5;

  private String modelVersion;
  private Instant referenceTime;
  private long eventCount;
  private EnumMap<IndicatorType, Double> pressures = new EnumMap<>(IndicatorType.class);
  private EnumMap<IndicatorType, List<Candidate>> candidates = new EnumMap<>(IndicatorType.class);
  private TreeMap<String, SpendingReport> spending = new TreeMap<>();
  private Double lastEmittedCohesion;
  private Double lastEmittedRisk;

  public AllianceState() {}

  AllianceState(String modelVersion) {
    this.modelVersion = modelVersion;
  }

  public String modelVersion() {
    return modelVersion;
  }

  /** {@code R}: the latest {@code occurredAt} of a counted event; {@code null} before the first. */
  public Instant referenceTime() {
    return referenceTime;
  }

  public long eventCount() {
    return eventCount;
  }

  /** The pressure of {@code type} at {@code R}. */
  public double pressureAtReference(IndicatorType type) {
    return pressures.getOrDefault(type, 0.0);
  }

  public List<Candidate> candidates(IndicatorType type) {
    return Collections.unmodifiableList(candidates.getOrDefault(type, List.of()));
  }

  /** The latest report of each member that reported, by country. */
  public Map<String, SpendingReport> spending() {
    return Collections.unmodifiableMap(spending);
  }

  /** The scores of the last record emitted for this alliance, for the tick's "moved" test. */
  public boolean movedSinceLastEmitted(double cohesion, double risk, double threshold) {
    return lastEmittedCohesion == null
        || Math.abs(cohesion - lastEmittedCohesion) >= threshold
        || Math.abs(risk - lastEmittedRisk) >= threshold;
  }

  public void markEmitted(double cohesion, double risk) {
    this.lastEmittedCohesion = cohesion;
    this.lastEmittedRisk = risk;
  }

  /** Moves {@code R} forward to {@code t} when it is later, fading every pressure to it. */
  void advanceReference(Instant t, ModelConfig model) {
    if (referenceTime == null) {
      referenceTime = t;
      return;
    }
    if (t.isAfter(referenceTime)) {
      for (Map.Entry<IndicatorType, Double> pressure : pressures.entrySet()) {
        double h = model.weight(pressure.getKey()).halfLifeSeconds();
        pressure.setValue(pressure.getValue() * Decay.factor(referenceTime, t, h));
      }
      referenceTime = t;
    }
  }

  /** Adds fading evidence that occurred at or before {@code R} (call advanceReference first). */
  void addEvidence(Candidate event, ModelConfig model) {
    double h = model.weight(event.type()).halfLifeSeconds();
    double faded = event.weight() * Decay.factor(event.occurredAt(), referenceTime, h);
    pressures.merge(event.type(), faded, Double::sum);
    List<Candidate> kept = new ArrayList<>(candidates.getOrDefault(event.type(), List.of()));
    kept.add(event);
    kept.sort(Candidate.strongestFirst(h));
    candidates.put(
        event.type(), List.copyOf(kept.subList(0, Math.min(CANDIDATES_PER_TYPE, kept.size()))));
  }

  /** Keeps {@code report} when it is the member's latest. */
  void addSpending(String country, SpendingReport report) {
    SpendingReport current = spending.get(country);
    if (current == null || report.supersedes(current)) {
      spending.put(country, report);
    }
  }

  void countEvent() {
    eventCount++;
  }

  // Storage in parts (the topology's store keeps each in its own record, so an event rewrites only
  // what it changed): the state without its evidence, and the evidence put back one part at a time.

  /** A copy of this state without its driver candidates and spending reports. */
  public AllianceState withoutEvidence() {
    AllianceState core = new AllianceState(modelVersion);
    core.referenceTime = referenceTime;
    core.eventCount = eventCount;
    core.pressures = new EnumMap<>(pressures);
    core.lastEmittedCohesion = lastEmittedCohesion;
    core.lastEmittedRisk = lastEmittedRisk;
    return core;
  }

  /** Whether this state carries candidates or spending reports (a state stored in one piece). */
  public boolean hasEvidence() {
    return !candidates.isEmpty() || !spending.isEmpty();
  }

  /** The types that have candidates. */
  public Set<IndicatorType> candidateTypes() {
    return Collections.unmodifiableSet(candidates.keySet());
  }

  /** Puts back the candidates of {@code type} as stored. */
  public void restoreCandidates(IndicatorType type, List<Candidate> stored) {
    candidates.put(type, List.copyOf(stored));
  }

  /** Puts back a member's latest report as stored. */
  public void restoreSpending(String country, SpendingReport report) {
    spending.put(country, report);
  }
}
