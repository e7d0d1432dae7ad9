package io.alliancewatch.alert.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.alert.DeadLetteredDelivery.Attempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One delivery of a notification to a subscription's webhook, as kept on the internal delivery log
 * (compacted, by {@code deliveryId}). A redelivery is a new delivery with the same {@code
 * webhookId}.
 */
@JsonPropertyOrder({
  "deliveryId",
  "webhookId",
  "subscriptionId",
  "allianceId",
  "alertId",
  "notificationStatus",
  "status",
  "attempts",
  "createdAt",
  "redeliveryOf",
  "reason",
  "notification",
  "traceparent"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(
    String deliveryId,
    String webhookId,
    String subscriptionId,
    String allianceId,
    String alertId,
    String notificationStatus,
    String status,
    List<Attempt> attempts,
    Instant createdAt,
    String redeliveryOf,
    String reason,
    AlertNotification notification,
    String traceparent) {

  public static final String PENDING = "pending";
  public static final String RETRYING = "retrying";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  public Delivery {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
  }

  /**
   * A new delivery of {@code n}. {@code traceparent} is the W3C trace of the score record that
   * caused the notification (null when none), sent on as the webhook's {@code traceparent} header.
   */
  public static Delivery of(
      String deliveryId, AlertNotification n, Instant at, String redeliveryOf, String traceparent) {
    return new Delivery(
        deliveryId,
        n.notificationId(),
        n.subscriptionId(),
        n.allianceId(),
        n.alertId(),
        n.status(),
        PENDING,
        List.of(),
        at,
        redeliveryOf,
        null,
        n,
        traceparent);
  }

  public boolean finished() {
    return SUCCEEDED.equals(status) || FAILED.equals(status) || CANCELLED.equals(status);
  }

  /** The lane of in-order delivery: one per (subscription, alliance). */
  public String lane() {
    return subscriptionId + "|" + allianceId;
  }

  Delivery withAttempt(Attempt attempt, String newStatus) {
    List<Attempt> all = new ArrayList<>(attempts);
    all.add(attempt);
    return new Delivery(
        deliveryId,
        webhookId,
        subscriptionId,
        allianceId,
        alertId,
        notificationStatus,
        newStatus,
        all,
        createdAt,
        redeliveryOf,
        reason,
        notification,
        traceparent);
  }

  Delivery withStatus(String newStatus, String why) {
    return new Delivery(
        deliveryId,
        webhookId,
        subscriptionId,
        allianceId,
        alertId,
        notificationStatus,
        newStatus,
        attempts,
        createdAt,
        redeliveryOf,
        why,
        notification,
        traceparent);
  }
}
