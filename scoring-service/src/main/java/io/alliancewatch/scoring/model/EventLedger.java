package io.alliancewatch.scoring.model;

import io.alliancewatch.contracts.IndicatorEvent.EventKey;

/**
 * Remembers which {@code (source, id)} each alliance has counted, forever: a duplicate is ignored
 * whenever it arrives (scoring.md section 5). The topology keeps it in a state store.
 */
public interface EventLedger {

  /** Records the key and says whether it is new for this alliance. */
  boolean firstSighting(String allianceId, EventKey key);
}
