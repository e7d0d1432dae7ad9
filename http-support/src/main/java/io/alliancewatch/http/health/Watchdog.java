package io.alliancewatch.http.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Asks a liveness URL every {@code interval} and calls {@code onWedged} once it has failed (no 200
 * within {@code timeout}: an error, DOWN, or no answer at all) for {@code exitAfter} without a
 * break. The service's own JVM is what it watches ({@link LivenessWatchdog}), so a service that
 * answers nothing, or is deadlocked, ends and its supervisor starts it again.
 */
public final class Watchdog implements AutoCloseable {

  private final URI url;
  private final Duration timeout;
  private final Duration exitAfter;
  private final Consumer<String> onWedged;
  private final HttpClient client;
  private final ScheduledExecutorService timer;
  private long failingSince = -1;
  private boolean fired;

  /**
   * @param onWedged called once, with what the last probe saw
   */
  public Watchdog(
      URI url, Duration interval, Duration timeout, Duration exitAfter, Consumer<String> onWedged) {
    this.url = url;
    this.timeout = timeout;
    this.exitAfter = exitAfter;
    this.onWedged = onWedged;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "liveness-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void probe() {
    String failure = failure();
    long now = System.nanoTime();
    if (failure == null) {
      failingSince = -1;
      return;
    }
    if (failingSince < 0) {
      failingSince = now;
    }
    if (!fired && now - failingSince >= exitAfter.toNanos()) {
      fired = true;
      onWedged.accept(failure);
    }
  }

  /** Null when the URL answered 200 in time, else what went wrong. */
  private String failure() {
    try {
      HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 ? null : answer.statusCode() + " " + answer.body();
    } catch (IOException e) {
      return e.toString(); // no answer within the timeout among them
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null; // closing
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
