package io.alliancewatch.scoring.feed;

import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.scoring.feed.ScoreFeed.Positioned;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The records emitted for each alliance, as read back from {@code alliance.scores} (committed
 * only), for trend lines: every instance holds the whole history, so any instance answers. Bounded
 * by age ({@code scoring.history.retention}) and by count per alliance ({@code
 * scoring.history.max-records}); the topic's own retention bounds what a restart reads back.
 */
@ApplicationScoped
public class ScoreHistory implements ScoreFeed.Listener {

  private final ScoreFeed feed;
  private final Duration retention;
  private final int maxRecords;
  private final Map<String, Deque<ScoreRecord>> byAlliance = new ConcurrentHashMap<>();

  public ScoreHistory(
      ScoreFeed feed,
      @ConfigProperty(name = "scoring.history.retention", defaultValue = "P30D") Duration retention,
      @ConfigProperty(name = "scoring.history.max-records", defaultValue = "10000")
          int maxRecords) {
    this.feed = feed;
    this.retention = retention;
    this.maxRecords = maxRecords;
  }

  void onStart(@Observes StartupEvent event) {
    feed.subscribe(this);
  }

  @Override
  public void accept(Positioned score) {
    ScoreRecord record = score.record();
    Deque<ScoreRecord> records =
        byAlliance.computeIfAbsent(record.allianceId(), id -> new ArrayDeque<>());
    synchronized (records) {
      ScoreRecord last = records.peekLast();
      if (last != null
          && last.asOf().equals(record.asOf())
          && last.eventCount() == record.eventCount()
          && last.cohesion() == record.cohesion()
          && last.risk() == record.risk()) {
        return; // the latest record handed again on subscribe
      }
      records.addLast(record);
      Instant oldest = record.asOf().minus(retention);
      while (records.size() > maxRecords
          || (!records.isEmpty() && records.peekFirst().asOf().isBefore(oldest))) {
        records.removeFirst();
      }
    }
  }

  /** The records of {@code allianceId} with {@code from <= asOf < to}, oldest first. */
  public List<ScoreRecord> between(String allianceId, Instant from, Instant to) {
    Deque<ScoreRecord> records = byAlliance.get(allianceId);
    if (records == null) {
      return List.of();
    }
    List<ScoreRecord> found = new ArrayList<>();
    synchronized (records) {
      for (ScoreRecord record : records) {
        if (!record.asOf().isBefore(from) && record.asOf().isBefore(to)) {
          found.add(record);
        }
      }
    }
    return found;
  }
}
