package io.alliancewatch.http;

import io.alliancewatch.http.security.Caller;
import io.alliancewatch.http.security.RouteAccess;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The open connections of one Server-Sent Events endpoint, with a comment line to each at every
 * keep-alive interval so that proxies keep an idle stream open. A connection leaves the set when
 * its client goes.
 */
public final class SseStreams implements AutoCloseable {

  private final List<SseConnection> connections = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService keepAlive;

  /**
   * @param name names the keep-alive thread
   */
  public SseStreams(String name, Duration keepAliveInterval) {
    keepAlive =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name + "-keep-alive");
              thread.setDaemon(true);
              return thread;
            });
    long every = keepAliveInterval.toMillis();
    keepAlive.scheduleAtFixedRate(
        () -> forEach(c -> c.comment("keep-alive")), // never throws: the schedule goes on
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Opens the stream for the request and says so at once with a comment (the client sees the stream
   * open before the first event).
   */
  public SseConnection open(RoutingContext context) {
    SseConnection connection = SseConnection.open(context);
    connections.add(connection);
    connection.onClose(() -> connections.remove(connection));
    connection.comment("connected");
    closeAtExpiry(context, connection);
    return connection;
  }

  /**
   * A stream lasts no longer than the token that opened it (security.md): at its {@code exp} the
   * stream ends, and the client's reconnection is refused until it has a valid token again.
   */
  private void closeAtExpiry(RoutingContext context, SseConnection connection) {
    Object caller = context.get(RouteAccess.CALLER);
    if (!(caller instanceof Caller c) || c.expiry().isEmpty()) {
      return;
    }
    long millis = Duration.between(Instant.now(), c.expiry().get()).toMillis();
    var expiry =
        keepAlive.schedule(
            () -> {
              connection.comment("token expired");
              connection.close();
            },
            Math.max(0, millis),
            TimeUnit.MILLISECONDS);
    connection.onClose(() -> expiry.cancel(false));
  }

  /** Runs {@code action} on each open connection; one that fails is closed, the others go on. */
  public void forEach(Consumer<SseConnection> action) {
    for (SseConnection connection : connections) {
      try {
        action.accept(connection);
      } catch (RuntimeException e) {
        connection.close();
      }
    }
  }

  public int size() {
    return connections.size();
  }

  @Override
  public void close() {
    keepAlive.shutdownNow();
    connections.forEach(SseConnection::close);
  }
}
