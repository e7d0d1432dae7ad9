package io.alliancewatch.scoring.model;

import io.alliancewatch.contracts.IndicatorEvent.EventKey;
import java.util.HashSet;
import java.util.Set;

/** A ledger in memory, for the model's tests and the benchmark. */
public final class InMemoryEventLedger implements EventLedger {

  private record Seen(String allianceId, EventKey key) {}

  private final Set<Seen> seen = new HashSet<>();

  @Override
  public boolean firstSighting(String allianceId, EventKey key) {
    return seen.add(new Seen(allianceId, key));
  }
}
