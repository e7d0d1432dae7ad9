package io.alliancewatch.scoring.topology;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Metrics a test can read back. */
final class CountingMetrics implements ScoringMetrics {

  final Map<String, Integer> counts = new ConcurrentHashMap<>();

  int count(String name) {
    return counts.getOrDefault(name, 0);
  }

  private void add(String name) {
    counts.merge(name, 1, Integer::sum);
  }

  @Override
  public void counted(String allianceId) {
    add("counted");
  }

  @Override
  public void duplicate(String allianceId) {
    add("duplicate");
  }

  @Override
  public void rejected(String reason) {
    add("rejected:" + reason);
  }

  @Override
  public void emitted(String cause) {
    add("emitted:" + cause);
  }

  @Override
  public void ingestToScore(Duration lag) {
    add("lag");
  }

  @Override
  public void tick(Duration took) {
    add("tick");
  }
}
