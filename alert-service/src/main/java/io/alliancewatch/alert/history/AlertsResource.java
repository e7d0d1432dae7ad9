package io.alliancewatch.alert.history;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.alliancewatch.alert.http.ProblemException;
import io.alliancewatch.alert.http.QueryLimit;
import io.alliancewatch.contracts.Instants;
import io.alliancewatch.contracts.Metric;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.contracts.validation.FieldError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading alerts: the history and what fires now (alerts.md "Reading alerts"); the live stream is
 * {@link AlertStream}.
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Access.VIEWER) // and subscriber and admin, which include it
public class AlertsResource {

  private final NotificationHistory history;

  public AlertsResource(NotificationHistory history) {
    this.history = history;
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
    // an empty value (?status=) is no filter, as the spec's template ?alliance=&status=... shows
    alliance = emptyAsAbsent(alliance);
    status = emptyAsAbsent(status);
    from = emptyAsAbsent(from);
    to = emptyAsAbsent(to);
    limit = emptyAsAbsent(limit);
    List<FieldError> errors = new ArrayList<>();
    if (status != null
        && !status.equals(AlertNotification.FIRING)
        && !status.equals(AlertNotification.RESOLVED)) {
      errors.add(new FieldError("/status", "must be firing or resolved"));
    }
    Instant fromInstant = instant("from", from, errors);
    Instant toInstant = instant("to", to, errors);
    int max = QueryLimit.parse(limit, 100, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.badQuery("Some query parameters are not valid.", errors);
    }
    return history.find(alliance, status, fromInstant, toInstant, max);
  }

  @GET
  @Path("active")
  public List<ActiveAlert> active() {
    return history.active().stream()
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

  private static String emptyAsAbsent(String value) {
    return value == null || value.isEmpty() ? null : value;
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
