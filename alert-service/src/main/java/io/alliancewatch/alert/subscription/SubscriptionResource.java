package io.alliancewatch.alert.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.delivery.DeliveryResource;
import io.alliancewatch.alert.http.ProblemException;
import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.alert.Subscription;
import io.alliancewatch.contracts.validation.JsonErrors;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** {@code /api/subscriptions}: create, read, replace, delete (alerts.md "Subscriptions"). */
@Path("/api/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

  private final SubscriptionRepository repository;
  private final DeliveryResource deliveries;
  private final SubscriptionParser parser;
  private final Clock clock = Clock.systemUTC();

  public SubscriptionResource(
      SubscriptionRepository repository,
      RegistryView registry,
      AlertsConfig config,
      DeliveryResource deliveries) {
    this.repository = repository;
    this.deliveries = deliveries;
    this.parser =
        new SubscriptionParser(
            registry::knows,
            new WebhookAddresses(
                config.webhook().allowLoopback(), config.webhook().allowPrivate()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(byte[] body, @jakarta.ws.rs.core.Context UriInfo uri) {
    String id = UUID.randomUUID().toString();
    SubscriptionParser.Result result = parser.parse(read(body), id, null, clock.instant());
    Subscription subscription = valid(result);
    repository.save(subscription);
    // the only answer that shows the secret
    return Response.created(uri.getAbsolutePathBuilder().path(id).build())
        .entity(subscription)
        .build();
  }

  @GET
  public List<Subscription> list() {
    return repository.all().stream().map(SubscriptionResource::withoutSecret).toList();
  }

  @GET
  @Path("{id}")
  public Subscription get(@PathParam("id") String id) {
    return withoutSecret(existing(id));
  }

  @GET
  @Path("{id}/deliveries")
  public List<DeliveryResource.DeliveryView> deliveries(
      @PathParam("id") String id, @QueryParam("status") String status) {
    return deliveries.deliveries(id, status);
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Subscription replace(@PathParam("id") String id, byte[] body) {
    Subscription existing = existing(id);
    JsonNode json = read(body);
    Subscription subscription = valid(parser.parse(json, id, existing, clock.instant()));
    repository.save(subscription);
    return withoutSecret(subscription);
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    existing(id);
    repository.delete(id);
    return Response.noContent().build();
  }

  private Subscription existing(String id) {
    return repository
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("no subscription with id '" + id + "'"));
  }

  private static Subscription valid(SubscriptionParser.Result result) {
    if (!result.isValid()) {
      throw ProblemException.invalid(
          "The subscription breaks "
              + result.errors().size()
              + " rule(s); nothing was stored. See errors for each field.",
          result.errors());
    }
    return result.subscription();
  }

  static JsonNode read(byte[] body) {
    if (body == null || body.length == 0) {
      throw ProblemException.malformed("The body is empty; send a subscription as a JSON object.");
    }
    try {
      JsonNode node = Json.mapper().readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ProblemException.malformed("The body holds no JSON value.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ProblemException.malformed(JsonErrors.detail(e), List.of(JsonErrors.fieldError(e)));
    } catch (IOException e) {
      throw ProblemException.malformed("The body cannot be read: " + e.getMessage());
    }
  }

  static Subscription withoutSecret(Subscription s) {
    return new Subscription(
        s.id(),
        s.name(),
        s.alliances(),
        s.metric(),
        s.condition(),
        s.threshold(),
        s.recoveryThreshold(),
        s.forSeconds(),
        s.repeatIntervalSeconds(),
        new Subscription.Webhook(s.webhook().url(), null),
        s.status(),
        s.disabledAt(),
        s.disabledReason(),
        s.createdAt());
  }
}
