package io.alliancewatch.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client of a Server-Sent Events stream, written exactly as the spec shows it: {@code event:
 * score}, {@code id: 0-4}, {@code data: {...}} with a space after each colon (the framework's own
 * SSE writer leaves it out, which hand-written clients that split on {@code "data: "} misread), a
 * blank line after each event, and {@code : text} comment lines.
 *
 * <p>Writes may come from any thread; none of them throws. A client that stops reading is
 * disconnected once about {@link #MAX_QUEUED_BYTES} wait for it (Netty's measure of the
 * connection's outbound buffer), rather than holding the service's memory; it can reconnect and
 * gets the latest state again.
 */
public final class SseConnection {

  /** What may wait for a slow client before it is disconnected. */
  static final int MAX_QUEUED_BYTES = 4 * 1024 * 1024;

  private final HttpServerResponse response;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();

  private SseConnection(HttpServerResponse response) {
    this.response = response;
  }

  /** Answers 200 {@code text/event-stream} and keeps the response open. */
  public static SseConnection open(RoutingContext context) {
    HttpServerResponse response = context.response();
    SseConnection connection = new SseConnection(response);
    response
        .setChunked(true)
        .setWriteQueueMaxSize(MAX_QUEUED_BYTES)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no"); // nginx: do not buffer the stream
    response.closeHandler(ignored -> connection.closed());
    response.exceptionHandler(ignored -> connection.close());
    return connection;
  }

  /** Called once when the client is gone or the stream is closed. */
  public void onClose(Runnable listener) {
    closeListeners.add(listener);
    if (closed.get()) {
      listener.run();
    }
  }

  public boolean isOpen() {
    return !closed.get();
  }

  /**
   * Sends one event; {@code data} may span lines (each becomes a {@code data:} line).
   *
   * @return false when the client is gone (the event is dropped)
   */
  public boolean send(String event, String id, String data) {
    StringBuilder text = new StringBuilder(data.length() + 64);
    text.append("event: ").append(event).append('\n');
    if (id != null) {
      text.append("id: ").append(id).append('\n');
    }
    for (String line : data.split("\r\n|\r|\n", -1)) {
      text.append("data: ").append(line).append('\n');
    }
    return write(text.append('\n').toString());
  }

  /** Sends a comment line ({@code : text}), which clients ignore and proxies see as traffic. */
  public boolean comment(String text) {
    return write(": " + text + "\n\n");
  }

  /** Ends the response (the client sees the stream end). */
  public void close() {
    synchronized (this) {
      if (closed.get()) {
        return;
      }
      closed.set(true);
      try {
        response.end();
      } catch (IllegalStateException alreadyEnded) {
        // the connection went first
      }
    }
    closeListeners.forEach(Runnable::run);
  }

  /**
   * Writes under the connection's lock, so that a close from another thread (the keep-alive, a
   * publisher, the event loop's exception handler) cannot come between the checks and the write.
   */
  private boolean write(String text) {
    boolean letGo;
    synchronized (this) {
      if (closed.get()) {
        return false;
      }
      try {
        letGo = response.writeQueueFull();
        if (!letGo) {
          response.write(Buffer.buffer(text));
          return true;
        }
      } catch (IllegalStateException gone) {
        letGo = false;
      }
    }
    if (letGo) {
      close(); // a client that does not read is let go: it reconnects and starts afresh
    } else {
      closed();
    }
    return false;
  }

  private void closed() {
    if (closed.compareAndSet(false, true)) {
      closeListeners.forEach(Runnable::run);
    }
  }
}
