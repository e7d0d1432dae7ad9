package io.alliancewatch.ingest.http;

import io.alliancewatch.ingest.config.IngestConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;

/**
 * The indicator POSTs in progress, at most {@code ingest.limits.in-flight-requests}: past it a
 * request is shed (503) rather than queued, so that what an overload holds in the heap is bounded.
 * Gauge {@code ingest_requests_in_flight}; the shed ones count in {@code
 * ingest_requests_rejected_total{reason="overloaded"}}.
 */
@ApplicationScoped
@Startup // the gauge is there from the start, at 0
public class InFlightRequests {

  private final Semaphore permits;
  private final int limit;

  public InFlightRequests(IngestConfig config, MeterRegistry registry) {
    this.limit = config.limits().inFlightRequests();
    this.permits = new Semaphore(limit);
    Gauge.builder("ingest.requests.in.flight", permits, p -> limit - p.availablePermits())
        .description("Indicator POSTs in progress (at most ingest.limits.in-flight-requests)")
        .register(registry);
  }

  /** Whether a request may start now; if so, {@link #finished()} must follow. */
  public boolean tryStart() {
    return permits.tryAcquire();
  }

  public void finished() {
    permits.release();
  }

  public int limit() {
    return limit;
  }
}
