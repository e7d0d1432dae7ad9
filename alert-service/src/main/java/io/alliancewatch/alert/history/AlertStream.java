package io.alliancewatch.alert.history;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.http.SseConnection;
import io.alliancewatch.http.SseStreams;
import io.alliancewatch.http.security.RouteAccess;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /api/alerts/stream}: Server-Sent Events, {@code event: notification} with the
 * notification JSON as {@code data} and its {@code notificationId} as {@code id}, and a comment
 * line every keep-alive interval so that proxies keep an idle stream open. A Vert.x route rather
 * than a JAX-RS resource, so the lines are written as the spec shows them ({@link SseConnection}).
 */
@ApplicationScoped
public class AlertStream {

  static final String PATH = "/api/alerts/stream";

  private final SseStreams streams;

  private final RouteAccess access;

  public AlertStream(
      NotificationHistory history,
      AlertsConfig config,
      RouteAccess access,
      io.micrometer.core.instrument.MeterRegistry registry) {
    this.access = access;
    this.streams = new SseStreams("alert-stream", config.stream().keepAlive());
    io.micrometer.core.instrument.Gauge.builder("alerts.stream.clients", streams, SseStreams::size)
        .description("Clients connected to the alert stream")
        .register(registry);
    history.onNotification(this::publish);
  }

  void routes(@Observes Router router) {
    router.get(PATH).handler(access.requiring(Access.VIEWER)).handler(streams::open);
  }

  void onStop(@Observes ShutdownEvent event) {
    streams.close();
  }

  private void publish(AlertNotification n) {
    if (streams.size() == 0) {
      return;
    }
    String json;
    try {
      json = Json.mapper().writeValueAsString(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    streams.forEach(connection -> connection.send("notification", n.notificationId(), json));
  }
}
