package io.alliancewatch.alert.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.delivery.DeliveryResource;
import io.alliancewatch.alert.http.ProblemException;
import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.alert.Subscription;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.contracts.validation.JsonErrors;
import io.alliancewatch.http.JsonMediaType;
import io.alliancewatch.http.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code /api/subscriptions}: create, read, replace, delete (alerts.md "Subscriptions"). A
 * subscription belongs to the {@code sub} of the token that created it (security.md): another
 * subscriber's answers 404, exactly as one that does not exist, and the list shows one's own (an
 * admin's: all).
 */
@Path("/api/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Access.SUBSCRIBER) // and admin, which includes it
public class SubscriptionResource {

  private static final Logger LOG = Logger.getLogger(SubscriptionResource.class);

  private final SubscriptionRepository repository;
  private final DeliveryResource deliveries;
  private final SubscriptionParser parser;
  private final SecurityIdentity identity;
  private final Clock clock = Clock.systemUTC();

  public SubscriptionResource(
      SubscriptionRepository repository,
      RegistryView registry,
      AlertsConfig config,
      DeliveryResource deliveries,
      SecurityIdentity identity) {
    this.repository = repository;
    this.deliveries = deliveries;
    this.identity = identity;
    this.parser =
        new SubscriptionParser(
            registry::knows,
            new WebhookAddresses(
                config.webhook().allowLoopback(), config.webhook().allowPrivate()));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      byte[] body,
      @jakarta.ws.rs.core.Context UriInfo uri,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
    requireJson(contentType);
    Caller caller = Caller.of(identity);
    String id = UUID.randomUUID().toString();
    SubscriptionParser.Result result =
        parser.parse(read(body), id, null, clock.instant(), caller.subject());
    Subscription subscription = valid(result);
    repository.save(subscription, caller.subject());
    LOG.infof("subscription %s created by %s", id, caller.subject());
    // the only answer that shows the secret
    return Response.created(uri.getAbsolutePathBuilder().path(id).build())
        .entity(subscription)
        .build();
  }

  @GET
  public List<Subscription> list() {
    Caller caller = Caller.of(identity);
    return repository.allVisible(caller).stream().map(Subscription::withoutSecret).toList();
  }

  @GET
  @Path("{id}")
  public Subscription get(@PathParam("id") String id) {
    return existing(id, Caller.of(identity)).withoutSecret();
  }

  @GET
  @Path("{id}/deliveries")
  public List<DeliveryResource.DeliveryView> deliveries(
      @PathParam("id") String id,
      @QueryParam("status") String status,
      @QueryParam("limit") String limit) {
    Caller caller = Caller.of(identity);
    if (!caller.isAdmin()) {
      existing(id, caller); // an admin also sees the deliveries of a deleted subscription
    }
    return deliveries.deliveries(id, status, limit);
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Subscription replace(
      @PathParam("id") String id,
      byte[] body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
    requireJson(contentType);
    Caller caller = Caller.of(identity);
    Subscription existing = existing(id, caller);
    JsonNode json = read(body);
    Subscription subscription =
        valid(parser.parse(json, id, existing, clock.instant(), existing.owner()));
    repository.save(subscription, caller.subject());
    LOG.infof("subscription %s replaced by %s", id, caller.subject());
    return subscription.withoutSecret();
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    Caller caller = Caller.of(identity);
    existing(id, caller);
    repository.delete(id, caller.subject());
    LOG.infof("subscription %s deleted by %s", id, caller.subject());
    return Response.noContent().build();
  }

  /** The subscription if the caller may see it; 404 otherwise, as if it did not exist. */
  private Subscription existing(String id, Caller caller) {
    return repository
        .findVisible(id, caller)
        .orElseThrow(() -> ProblemException.notFound("no subscription with id '" + id + "'"));
  }

  /**
   * A subscription comes as {@code application/json} (any parameters); without a Content-Type, or
   * with another, 415 (edge-cases.md: a missing one is 400 or 415, another media type 415). Quarkus
   * REST would otherwise read a body of no type, or of {@code application/octet-stream}, into the
   * {@code byte[]}. Checked after the caller's access, so a caller who may not write learns nothing
   * more than 401 or 403.
   */
  private static void requireJson(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw ProblemException.unsupportedMediaType(
          "The request has no Content-Type; send the subscription as Content-Type:"
              + " application/json.");
    }
    if (!JsonMediaType.names(contentType)) {
      throw ProblemException.unsupportedMediaType(
          "Content-Type " + contentType + " is not taken; send application/json.");
    }
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
}
