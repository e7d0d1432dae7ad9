package io.alliancewatch.alert.history;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.alert.AlertNotification;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The SSE stream: {@code event: notification} with the notification JSON, and a comment line every
 * keep-alive interval so that proxies keep an idle stream open.
 */
@ApplicationScoped
public class AlertStream {

  private final ScheduledExecutorService keepAlive =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sse-keep-alive");
            t.setDaemon(true);
            return t;
          });
  private volatile Sse sse;
  private volatile SseBroadcaster broadcaster;

  public AlertStream(NotificationHistory history, AlertsConfig config) {
    history.onNotification(this::publish);
    long every = config.stream().keepAlive().toMillis();
    keepAlive.scheduleAtFixedRate(this::ping, every, every, TimeUnit.MILLISECONDS);
  }

  void register(SseEventSink sink, Sse requestSse) {
    synchronized (this) {
      if (broadcaster == null) {
        sse = requestSse;
        broadcaster = requestSse.newBroadcaster();
      }
    }
    broadcaster.register(sink);
    // a first comment tells the client at once that the stream is open
    sink.send(sse.newEventBuilder().comment("connected").build());
  }

  private void publish(AlertNotification n) {
    SseBroadcaster current = broadcaster;
    if (current == null) {
      return;
    }
    String json;
    try {
      json = Json.mapper().writeValueAsString(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    current.broadcast(
        sse.newEventBuilder()
            .name("notification")
            .id(n.notificationId())
            .mediaType(MediaType.APPLICATION_JSON_TYPE)
            .data(String.class, json)
            .build());
  }

  private void ping() {
    SseBroadcaster current = broadcaster;
    if (current != null) {
      current.broadcast(sse.newEventBuilder().comment("keep-alive").build());
    }
  }

  @PreDestroy
  void close() {
    keepAlive.shutdownNow();
    if (broadcaster != null) {
      broadcaster.close();
    }
  }
}
