package io.alliancewatch.scoring.feed;

import io.alliancewatch.contracts.Metric;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.scoring.feed.ScoreFeed.Positioned;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code scoring_score{alliance,metric}}: the latest emitted cohesion and risk of every alliance,
 * for Prometheus and Grafana. Fed by the committed records of {@code alliance.scores}, so every
 * instance reports every alliance, whichever instance computed it.
 */
@ApplicationScoped
public class ScoreGauges implements ScoreFeed.Listener {

  private final ScoreFeed feed;
  private final MeterRegistry registry;

  /** Per alliance its two latest scores only (a record is kilobytes; a gauge needs a number). */
  private final Map<String, AtomicReference<double[]>> latest = new ConcurrentHashMap<>();

  public ScoreGauges(ScoreFeed feed, MeterRegistry registry) {
    this.feed = feed;
    this.registry = registry;
  }

  void onStart(@Observes StartupEvent event) {
    feed.subscribe(this);
  }

  @Override
  public void accept(Positioned score) {
    ScoreRecord record = score.record();
    latest
        .computeIfAbsent(record.allianceId(), this::register)
        .set(new double[] {record.cohesion(), record.risk()});
  }

  private AtomicReference<double[]> register(String allianceId) {
    AtomicReference<double[]> holder = new AtomicReference<>();
    for (Metric metric : Metric.values()) {
      Gauge.builder(
              "scoring.score",
              holder,
              h -> h.get() == null ? Double.NaN : h.get()[metric.ordinal()])
          .description("The latest emitted score of an alliance (0..100)")
          .tag("alliance", allianceId)
          .tag("metric", metric.wireName())
          .register(registry);
    }
    return holder;
  }
}
