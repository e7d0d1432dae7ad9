package io.alliancewatch.contracts.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A delivery that used up its retry schedule (topic {@code alert.notifications.dlq}). */
public record DeadLetteredDelivery(
    String deliveryId, String webhookId, AlertNotification notification, List<Attempt> attempts) {

  /** One try: when, and either the receiver's status code or the error. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Attempt(Instant at, Integer statusCode, String error, long durationMs) {}
}
