package io.alliancewatch.scoring.model;

import io.alliancewatch.contracts.IndicatorEvent.EventKey;
import java.time.Instant;

/** One member's defence spending report, % of GDP (scoring.md section 3). */
public record SpendingReport(double value, Instant occurredAt, String source, String id) {

  /**
   * Whether this report replaces {@code other}: the later {@code occurredAt} counts, and on a tie
   * the greater {@code (source, id)}, so the arrival order never matters.
   */
  public boolean supersedes(SpendingReport other) {
    int byTime = occurredAt.compareTo(other.occurredAt);
    if (byTime != 0) {
      return byTime > 0;
    }
    return new EventKey(source, id).compareTo(new EventKey(other.source, other.id)) > 0;
  }
}
