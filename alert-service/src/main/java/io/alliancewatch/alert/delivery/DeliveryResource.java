package io.alliancewatch.alert.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.alliancewatch.alert.http.ProblemException;
import io.alliancewatch.alert.http.QueryLimit;
import io.alliancewatch.alert.subscription.SubscriptionRepository;
import io.alliancewatch.contracts.alert.DeadLetteredDelivery.Attempt;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.http.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The delivery record of a subscription, and redelivery (alerts.md "Delivery"). The listing is
 * served under {@code /api/subscriptions/{id}/deliveries} by the subscription resource, which owns
 * that path.
 */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Access.SUBSCRIBER) // and admin; a subscriber redelivers its own subscriptions' only
public class DeliveryResource {

  private static final Set<String> STATUSES =
      Set.of(
          Delivery.PENDING,
          Delivery.RETRYING,
          Delivery.SUCCEEDED,
          Delivery.FAILED,
          Delivery.CANCELLED);

  private final DeliveryLog log;
  private final DeliveryService service;
  private final SubscriptionRepository subscriptions;
  private final SecurityIdentity identity;

  public DeliveryResource(
      DeliveryLog log,
      DeliveryService service,
      SubscriptionRepository subscriptions,
      SecurityIdentity identity) {
    this.identity = identity;
    this.log = log;
    this.service = service;
    this.subscriptions = subscriptions;
  }

  /** What the listing shows of a delivery. */
  @JsonPropertyOrder({
    "deliveryId",
    "webhookId",
    "alertId",
    "allianceId",
    "notificationStatus",
    "status",
    "reason",
    "redeliveryOf",
    "createdAt",
    "attempts"
  })
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryView(
      String deliveryId,
      String webhookId,
      String alertId,
      String allianceId,
      String notificationStatus,
      String status,
      String reason,
      String redeliveryOf,
      Instant createdAt,
      List<Attempt> attempts) {
    static DeliveryView of(Delivery d) {
      return new DeliveryView(
          d.deliveryId(),
          d.webhookId(),
          d.alertId(),
          d.allianceId(),
          d.notificationStatus(),
          d.status(),
          d.reason(),
          d.redeliveryOf(),
          d.createdAt(),
          d.attempts());
    }
  }

  /** Newest first, optionally of one status, at most {@code limit} (default and most: 1,000). */
  public List<DeliveryView> deliveries(String subscriptionId, String status, String limit) {
    status = status == null || status.isEmpty() ? null : status;
    List<FieldError> errors = new java.util.ArrayList<>();
    if (status != null && !STATUSES.contains(status)) {
      errors.add(
          new FieldError(
              "/status", "must be one of pending, retrying, succeeded, failed, cancelled"));
    }
    int max = QueryLimit.parse(limit, QueryLimit.MAX, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.badQuery(
          errors.size() == 1 && errors.get(0).pointer().equals("/status")
              ? "Unknown delivery status."
              : "Some query parameters are not valid.",
          errors);
    }
    List<Delivery> found = log.ofSubscription(subscriptionId, status, max);
    if (found.isEmpty() && subscriptions.find(subscriptionId).isEmpty()) {
      throw ProblemException.notFound("no subscription with id '" + subscriptionId + "'");
    }
    return found.stream().map(DeliveryView::of).toList();
  }

  @POST
  @Path("{deliveryId}/redeliver")
  public Response redeliver(@PathParam("deliveryId") String deliveryId) {
    Caller caller = Caller.of(identity);
    boolean visible =
        caller.isAdmin()
            || log.find(deliveryId)
                .flatMap(d -> subscriptions.findVisible(d.subscriptionId(), caller))
                .isPresent();
    if (!visible) { // another's delivery answers as one that does not exist
      throw ProblemException.notFound("no delivery with id '" + deliveryId + "'");
    }
    Delivery again =
        service
            .redeliver(deliveryId)
            .orElseThrow(
                () -> ProblemException.notFound("no delivery with id '" + deliveryId + "'"));
    return Response.accepted(DeliveryView.of(again)).build();
  }
}
