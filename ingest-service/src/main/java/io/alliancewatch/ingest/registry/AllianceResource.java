package io.alliancewatch.ingest.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.Pointers;
import io.alliancewatch.contracts.validation.Problem;
import io.alliancewatch.http.JsonMediaType;
import io.alliancewatch.ingest.http.JsonBodies;
import io.alliancewatch.ingest.http.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * The alliance registry over HTTP: read it, and add or change an alliance (members join, leave).
 */
@Path("/api/alliances")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class AllianceResource {

  private static final Logger LOG = Logger.getLogger(AllianceResource.class);

  private static final Pattern ALLIANCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final List<String> FIELDS =
      List.of("id", "name", "founded", "members", "guidelinePctGdp", "notes");
  private static final int NOTES_MAX = 2000;
  private static final Set<String> ISO_COUNTRIES =
      Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3);

  private final AllianceRegistry registry;
  private final SecurityIdentity identity;

  public AllianceResource(AllianceRegistry registry, SecurityIdentity identity) {
    this.registry = registry;
    this.identity = identity;
  }

  @GET
  @RolesAllowed({Access.VIEWER, Access.FEEDER})
  @Operation(summary = "Every alliance of the registry")
  public Collection<Alliance> all() {
    requireLoaded();
    return registry.all();
  }

  /**
   * Until the registry has been read from Kafka (and seeded if empty), it is not known: 503 with
   * Retry-After rather than an empty or partial answer, and no PUT that would stop the seeding.
   */
  private void requireLoaded() {
    if (!registry.isLoaded()) {
      throw new ProblemException(
          Problem.of(
              503,
              "registry-loading",
              "Registry not loaded yet",
              "The alliance registry is still being read from Kafka; retry after Retry-After."),
          Map.of("Retry-After", "1"));
    }
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Access.VIEWER, Access.FEEDER})
  @Operation(summary = "One alliance")
  public Alliance one(@PathParam("id") String id) {
    requireLoaded();
    return registry
        .find(id)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.of(404, "unknown-alliance", "Unknown alliance", "No alliance " + id)));
  }

  @PUT
  @Path("/{id}")
  @RolesAllowed(Access.ADMIN)
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Add or change an alliance",
      description = "A full replace: name, members (ISO 3166-1 alpha-3), guidelinePctGdp or null.")
  public Response put(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) {
    requireJson(contentType);
    requireLoaded();
    JsonNode node = JsonBodies.parse(JsonBodies.readAtMost(body, 1024 * 1024, "The body"));
    Alliance alliance = validate(id, node);
    boolean created = registry.find(id).isEmpty();
    String changedBy = identity.getPrincipal().getName();
    registry.put(alliance, changedBy);
    LOG.infof("alliance %s %s by %s", id, created ? "added" : "changed", changedBy);
    return Response.status(created ? 201 : 200).entity(alliance).build();
  }

  /**
   * The body is JSON: {@code application/json} (parameters such as charset allowed) or no
   * Content-Type at all; another media type is 415.
   */
  private static void requireJson(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return;
    }
    if (!JsonMediaType.names(contentType)) {
      throw ProblemException.unsupportedMediaType(
          "An alliance is sent as application/json, not '" + contentType + "'");
    }
  }

  static Alliance validate(String id, JsonNode node) {
    List<FieldError> errors = new ArrayList<>();
    if (!ALLIANCE_ID.matcher(id).matches()) {
      errors.add(new FieldError("/id", "an alliance id is 1..32 of A-Z, a-z, 0-9, '_' and '-'"));
    }
    if (!node.isObject()) {
      throw ProblemException.invalid(
          "The body must be an alliance (a JSON object).",
          List.of(new FieldError("", "must be an object")));
    }
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                errors.add(
                    new FieldError(
                        Pointers.member(name),
                        "unknown field '"
                            + name
                            + "' (allowed: "
                            + String.join(", ", FIELDS)
                            + ")"));
              }
            });
    JsonNode bodyId = node.get("id");
    if (bodyId != null && !bodyId.isNull() && !id.equals(bodyId.asText())) {
      errors.add(
          new FieldError("/id", "must equal the id in the path (" + id + ") or be left out"));
    }
    JsonNode name = node.get("name");
    if (name == null
        || !name.isTextual()
        || name.textValue().isBlank()
        || name.textValue().codePointCount(0, name.textValue().length()) > 200) {
      errors.add(new FieldError("/name", "is required: 1..200 characters"));
    }
    Set<String> members = new LinkedHashSet<>();
    JsonNode membersNode = node.get("members");
    if (membersNode == null || !membersNode.isArray()) {
      errors.add(new FieldError("/members", "is required: an array of ISO 3166-1 alpha-3 codes"));
    } else {
      for (int i = 0; i < membersNode.size(); i++) {
        JsonNode member = membersNode.get(i);
        if (!member.isTextual() || !ISO_COUNTRIES.contains(member.textValue())) {
          errors.add(
              new FieldError("/members/" + i, "must be an ISO 3166-1 alpha-3 code, e.g. DEU"));
        } else if (!members.add(member.textValue())) {
          errors.add(new FieldError("/members/" + i, member.textValue() + " is listed twice"));
        }
      }
    }
    Double guideline = null;
    JsonNode guidelineNode = node.get("guidelinePctGdp");
    if (guidelineNode != null && !guidelineNode.isNull()) {
      if (!guidelineNode.isNumber()
          || guidelineNode.doubleValue() <= 0
          || guidelineNode.doubleValue() > 100) {
        errors.add(
            new FieldError("/guidelinePctGdp", "must be a number in (0, 100], or null for none"));
      } else {
        guideline = guidelineNode.doubleValue();
      }
    }
    String founded = optionalText(node, "founded", errors);
    if (founded != null) {
      try {
        LocalDate.parse(founded);
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("/founded", "must be an ISO-8601 date, e.g. 1949-04-04"));
      }
    }
    String notes = optionalText(node, "notes", errors);
    if (notes != null && notes.codePointCount(0, notes.length()) > NOTES_MAX) {
      errors.add(new FieldError("/notes", "must be at most " + NOTES_MAX + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(422, "validation", "Invalid alliance", "Nothing was changed.")
              .withErrors(errors));
    }
    return new Alliance(id, name.textValue(), founded, List.copyOf(members), guideline, notes);
  }

  /** A string field that may be absent or null (then null); anything else is an error. */
  private static String optionalText(JsonNode node, String field, List<FieldError> errors) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError("/" + field, "must be a string, or null"));
      return null;
    }
    return value.textValue();
  }
}
