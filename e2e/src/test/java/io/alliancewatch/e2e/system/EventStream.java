package io.alliancewatch.e2e.system;

import static io.alliancewatch.e2e.system.Feed.events;
import static io.alliancewatch.e2e.system.Feed.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A feeder during a fault: posts one batch of two tensions every 50 ms until closed, each batch
 * resent until it is accepted (as a feeder does after a 503), and counts the batches accepted,
 * overall and since {@link #mark}.
 */
public final class EventStream implements AutoCloseable {

  private final Deployment system;
  private final String alliance;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong acceptedAtMark = new AtomicLong();
  private final AtomicInteger refusals = new AtomicInteger();
  private final AtomicLong slowestSinceMark = new AtomicLong();
  private final ScheduledExecutorService feeder =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "feeder"));
  private int batch;

  public EventStream(Deployment system, String alliance) {
    this.system = system;
    this.alliance = alliance;
    feeder.scheduleWithFixedDelay(this::postNext, 0, 50, TimeUnit.MILLISECONDS);
  }

  private void postNext() {
    ArrayNode events = events(alliance, "s" + batch + "-", "POLITICAL_TENSION", "FRA", 2);
    long start = System.nanoTime();
    int status = post(system, events);
    slowestSinceMark.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
    if (status == 202) {
      accepted.incrementAndGet();
      batch++;
    } else {
      refusals.incrementAndGet(); // the same batch again, next time
    }
  }

  /** Starts a phase; returns the slowest POST of the phase before, in ms. */
  public long mark() {
    acceptedAtMark.set(accepted.get());
    return slowestSinceMark.getAndSet(0);
  }

  public long acceptedSinceMark() {
    return accepted.get() - acceptedAtMark.get();
  }

  /** Batches accepted (two events each). */
  public int accepted() {
    return accepted.get();
  }

  /** POSTs not accepted (each batch was sent again). */
  public int refusals() {
    return refusals.get();
  }

  @Override
  public void close() throws InterruptedException {
    feeder.shutdown();
    assertThat(feeder.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
  }
}
