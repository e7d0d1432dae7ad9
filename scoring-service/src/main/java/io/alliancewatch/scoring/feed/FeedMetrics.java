package io.alliancewatch.scoring.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts the stream's unreadable input; its listeners are gauged by the stream resource. */
@ApplicationScoped
public class FeedMetrics {

  private final Counter unreadable;

  public FeedMetrics(MeterRegistry registry) {
    this.unreadable =
        Counter.builder("scoring.records.rejected")
            .description("Records scoring could not use, by reason; each is also logged")
            .tag("reason", "unreadable-score")
            .register(registry);
  }

  void unreadable() {
    unreadable.increment();
  }
}
