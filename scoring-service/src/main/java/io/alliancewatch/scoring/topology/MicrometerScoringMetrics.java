package io.alliancewatch.scoring.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The topology's counts as Prometheus metrics (README, "Metrics"). */
@ApplicationScoped
public class MicrometerScoringMetrics implements ScoringMetrics {

  private final MeterRegistry registry;
  private final Timer ingestToScore;
  private final Timer tick;
  private final AtomicLong emitIntervalMs = new AtomicLong();

  public MicrometerScoringMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.ingestToScore =
        Timer.builder("scoring.ingest.to.score")
            .description("From ingest's ingestedAt to the score computed from the event")
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .register(registry);
    this.tick =
        Timer.builder("scoring.tick.duration")
            .description(
                "One wall-clock tick of a task: its alliances re-evaluated and the moved ones"
                    + " emitted")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    io.micrometer.core.instrument.Gauge.builder(
            "scoring.emit.interval.seconds", emitIntervalMs, ms -> ms.get() / 1000.0)
        .description(
            "The interval between emissions (and their commits) of the stream thread that last"
                + " changed it: scoring.emit-interval, longer while commits are slow")
        .register(registry);
  }

  @Override
  public void counted(String allianceId) {
    events("counted", allianceId).increment();
  }

  @Override
  public void duplicate(String allianceId) {
    events("duplicate", allianceId).increment();
  }

  @Override
  public void rejected(String reason) {
    Counter.builder("scoring.records.rejected")
        .description("Records scoring could not use, by reason; each is also logged")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  @Override
  public void emitted(String cause) {
    Counter.builder("scoring.records.emitted")
        .description("Score records written to alliance.scores, by cause (event or tick)")
        .tag("cause", cause)
        .register(registry)
        .increment();
  }

  @Override
  public void ingestToScore(Duration lag) {
    ingestToScore.record(lag.isNegative() ? Duration.ZERO : lag);
  }

  @Override
  public void tick(Duration took) {
    tick.record(took);
  }

  private Counter events(String outcome, String allianceId) {
    return Counter.builder("scoring.events")
        .description("Indicator events offered to the model: counted or duplicate")
        .tag("outcome", outcome)
        .tag("alliance", allianceId)
        .register(registry);
  }

  @Override
  public void emitInterval(Duration interval) {
    emitIntervalMs.set(interval.toMillis());
  }
}
