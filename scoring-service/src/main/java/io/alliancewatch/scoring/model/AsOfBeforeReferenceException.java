package io.alliancewatch.scoring.model;

import java.time.Instant;

/**
 * A question about a time before {@code R}: the state has faded everything to {@code R} and no
 * longer knows what it looked like earlier (scoring.md section 5), so it refuses rather than guess.
 */
public final class AsOfBeforeReferenceException extends RuntimeException {

  private final Instant asOf;
  private final Instant referenceTime;

  public AsOfBeforeReferenceException(Instant asOf, Instant referenceTime) {
    super(
        "asOf "
            + asOf
            + " is before the alliance's reference time "
            + referenceTime
            + " (its latest event): ask for asOf >= "
            + referenceTime);
    this.asOf = asOf;
    this.referenceTime = referenceTime;
  }

  public Instant asOf() {
    return asOf;
  }

  public Instant referenceTime() {
    return referenceTime;
  }
}
