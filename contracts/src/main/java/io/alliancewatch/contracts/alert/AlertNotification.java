package io.alliancewatch.contracts.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.alliancewatch.contracts.Metric;
import io.alliancewatch.contracts.ScoreRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A notification (alerts.md): written to {@code alert.notifications} and delivered as the webhook
 * body. {@code endsAt} is present as {@code null} until the alert resolves.
 */
@JsonPropertyOrder({
  "alertId",
  "subscriptionId",
  "allianceId",
  "metric",
  "condition",
  "threshold",
  "recoveryThreshold",
  "status",
  "value",
  "startsAt",
  "endsAt",
  "scoreAsOf",
  "contributions",
  "drivers",
  "modelVersion",
  "notificationId",
  "createdAt"
})
public record AlertNotification(
    String alertId,
    String subscriptionId,
    String allianceId,
    Metric metric,
    Condition condition,
    double threshold,
    double recoveryThreshold,
    String status,
    double value,
    Instant startsAt,
    @JsonInclude(JsonInclude.Include.ALWAYS) Instant endsAt,
    Instant scoreAsOf,
    Map<String, Double> contributions,
    List<ScoreRecord.Driver> drivers,
    String modelVersion,
    String notificationId,
    Instant createdAt) {

  public static final String FIRING = "firing";
  public static final String RESOLVED = "resolved";
}
