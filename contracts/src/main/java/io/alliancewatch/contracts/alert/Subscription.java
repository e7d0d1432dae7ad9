package io.alliancewatch.contracts.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.alliancewatch.contracts.Metric;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as stored on {@code alert.subscriptions} (alerts.md). The stored record keeps the
 * secret; the HTTP API shows it only in the answer to the create. {@code owner} is the {@code sub}
 * of the token that created it (security.md): only that subscriber and admins see or change it.
 */
@JsonPropertyOrder({
  "id",
  "name",
  "alliances",
  "metric",
  "condition",
  "threshold",
  "recoveryThreshold",
  "forSeconds",
  "repeatIntervalSeconds",
  "webhook",
  "status",
  "disabledAt",
  "disabledReason",
  "createdAt",
  "owner"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
    String id,
    String name,
    List<String> alliances,
    Metric metric,
    Condition condition,
    double threshold,
    double recoveryThreshold,
    long forSeconds,
    long repeatIntervalSeconds,
    Webhook webhook,
    String status,
    Instant disabledAt,
    String disabledReason,
    Instant createdAt,
    String owner) {

  public static final String ALL_ALLIANCES = "*";
  public static final String STATUS_ACTIVE = "active";
  public static final String STATUS_DISABLED = "disabled";

  /** Where notifications go, and the secret that signs them ({@code whsec_...}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Webhook(String url, String secret) {}

  /** The same subscription without its webhook secret: what every answer but the create shows. */
  public Subscription withoutSecret() {
    return with(new Webhook(webhook.url(), null), status, disabledAt, disabledReason);
  }

  /** The same subscription disabled at {@code at} for {@code reason} (after a 410 Gone). */
  public Subscription disabled(Instant at, String reason) {
    return with(webhook, STATUS_DISABLED, at, reason);
  }

  private Subscription with(
      Webhook webhook, String status, Instant disabledAt, String disabledReason) {
    return new Subscription(
        id,
        name,
        alliances,
        metric,
        condition,
        threshold,
        recoveryThreshold,
        forSeconds,
        repeatIntervalSeconds,
        webhook,
        status,
        disabledAt,
        disabledReason,
        createdAt,
        owner);
  }

  /** Whether {@code subject} owns it (a subscription stored before owners were kept has none). */
  public boolean isOwnedBy(String subject) {
    return owner != null && owner.equals(subject);
  }

  public boolean coversAllAlliances() {
    return alliances.size() == 1 && ALL_ALLIANCES.equals(alliances.get(0));
  }

  /** Whether this subscription watches {@code allianceId} ({@code ["*"]} watches every one). */
  public boolean covers(String allianceId) {
    return coversAllAlliances() || alliances.contains(allianceId);
  }
}
