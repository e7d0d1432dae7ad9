package io.alliancewatch.alert.history;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.alliancewatch.alert.http.ProblemException;
import io.alliancewatch.alert.subscription.SubscriptionRepository;
import io.alliancewatch.contracts.Instants;
import io.alliancewatch.contracts.Metric;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.validation.FieldError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reading alerts: the history, what fires now, and a live stream (alerts.md "Reading alerts"). */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {

  private final NotificationHistory history;
  private final AlertStream stream;
  private final SubscriptionRepository subscriptions;

  public AlertsResource(
      NotificationHistory history, AlertStream stream, SubscriptionRepository subscriptions) {
    this.history = history;
    this.stream = stream;
    this.subscriptions = subscriptions;
  }

  /** An alert firing now. */
  @JsonPropertyOrder({"alertId", "subscriptionId", "allianceId", "metric", "value", "startsAt"})
  public record ActiveAlert(
      String alertId,
      String subscriptionId,
      String allianceId,
      Metric metric,
      double value,
      Instant startsAt) {}

  @GET
  public List<AlertNotification> alerts(
      @QueryParam("alliance") String alliance,
      @QueryParam("status") String status,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit) {
    List<FieldError> errors = new ArrayList<>();
    if (status != null
        && !status.equals(AlertNotification.FIRING)
        && !status.equals(AlertNotification.RESOLVED)) {
      errors.add(new FieldError("/status", "must be firing or resolved"));
    }
    Instant fromInstant = instant("from", from, errors);
    Instant toInstant = instant("to", to, errors);
    int max = 100;
    if (limit != null) {
      try {
        max = Integer.parseInt(limit);
        if (max < 1 || max > 1000) {
          errors.add(new FieldError("/limit", "must be in 1..1000 (default 100)"));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("/limit", "must be a whole number in 1..1000 (default 100)"));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.badQuery("Some query parameters are not valid.", errors);
    }
    return history.find(alliance, status, fromInstant, toInstant, max);
  }

  @GET
  @Path("active")
  public List<ActiveAlert> active() {
    return history.active().stream()
        // a deleted subscription, or a PUT that dropped the alliance, ends its alerts without a
        // "resolved" (README, "Decisions"): they no longer fire
        .filter(
            n ->
                subscriptions
                    .find(n.subscriptionId())
                    .filter(s -> s.covers(n.allianceId()))
                    .isPresent())
        .map(
            n ->
                new ActiveAlert(
                    n.alertId(),
                    n.subscriptionId(),
                    n.allianceId(),
                    n.metric(),
                    n.value(),
                    n.startsAt()))
        .toList();
  }

  @GET
  @Path("stream")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(@Context SseEventSink sink, @Context Sse sse) {
    stream.register(sink, sse);
  }

  private static Instant instant(String name, String text, List<FieldError> errors) {
    if (text == null) {
      return null;
    }
    try {
      return Instants.parseRfc3339(text);
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError("/" + name, "must be an RFC 3339 instant, e.g. 2026-03-10T12:00:00Z"));
      return null;
    }
  }
}
