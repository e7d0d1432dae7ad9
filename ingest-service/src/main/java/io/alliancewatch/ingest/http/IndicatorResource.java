package io.alliancewatch.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.Problem;
import io.alliancewatch.http.security.Caller;
import io.alliancewatch.ingest.config.IngestConfig;
import io.alliancewatch.ingest.core.IndicatorIngester;
import io.alliancewatch.ingest.core.IndicatorIngester.AcceptedEvent;
import io.alliancewatch.ingest.core.IndicatorIngester.IngestRefusal;
import io.alliancewatch.ingest.core.IndicatorIngester.Located;
import io.alliancewatch.ingest.core.IndicatorIngester.SourceRefusal;
import io.alliancewatch.ingest.core.IngestMetrics;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/indicators}: one entry, four forms, told apart by the request's media type (and
 * the {@code ce-specversion} header for CloudEvents binary mode). Content negotiation is done here
 * rather than by JAX-RS so that every refusal is a problem+json answer that says what is allowed.
 */
@Path("/api/indicators")
@RolesAllowed(Access.FEEDER) // and admin, which includes it; a feeder writes only its sources
public class IndicatorResource {

  static final String NDJSON = "application/x-ndjson";
  static final String CE_STRUCTURED = "application/cloudevents+json";
  static final String CE_BATCH = "application/cloudevents-batch+json";
  private static final String ALLOWED =
      "application/json, "
          + NDJSON
          + ", "
          + CE_STRUCTURED
          + ", "
          + CE_BATCH
          + " (or application/json with ce-* headers for CloudEvents binary mode)";

  private final IndicatorIngester ingester;
  private final NdjsonIngester ndjson;
  private final CloudEventsReader cloudEvents;
  private final IngestMetrics metrics;
  private final IngestConfig config;
  private final SecurityIdentity identity;
  private final InFlightRequests inFlight;

  public IndicatorResource(
      IndicatorIngester ingester,
      NdjsonIngester ndjson,
      CloudEventsReader cloudEvents,
      IngestMetrics metrics,
      IngestConfig config,
      SecurityIdentity identity,
      InFlightRequests inFlight) {
    this.identity = identity;
    this.inFlight = inFlight;
    this.ingester = ingester;
    this.ndjson = ndjson;
    this.cloudEvents = cloudEvents;
    this.metrics = metrics;
    this.config = config;
  }

  /** The answer to an accepted JSON or CloudEvents post. */
  public record AcceptedAnswer(List<AcceptedEvent> accepted) {}

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @Operation(
      summary = "Submit indicator events",
      description =
          "application/json: one event or an array of up to 1,000 (all or nothing, 202);"
              + " application/x-ndjson: one event a line (200 with counts and bad lines);"
              + " CloudEvents 1.0 structured, batch and binary modes.")
  @APIResponse(responseCode = "202", description = "Accepted and acknowledged by Kafka")
  @APIResponse(responseCode = "200", description = "NDJSON processed: counts and bad lines")
  @APIResponse(responseCode = "400", description = "Malformed JSON")
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(
      responseCode = "403",
      description = "Not a feeder, or a source the token does not allow; nothing written")
  @APIResponse(responseCode = "413", description = "Body too large")
  @APIResponse(responseCode = "415", description = "Unsupported media type or encoding")
  @APIResponse(responseCode = "422", description = "Invalid events; nothing written")
  @APIResponse(
      responseCode = "503",
      description =
          "Kafka unreachable, or too many requests in progress; nothing written; retry after"
              + " Retry-After")
  public Response post(@Context HttpHeaders headers, InputStream body) {
    if (!inFlight.tryStart()) {
      metrics.requestRefused("unknown", "overloaded");
      throw ProblemException.overloaded(inFlight.limit(), metrics.retryAfterSeconds());
    }
    try {
      return admitted(headers, body);
    } finally {
      inFlight.finished();
    }
  }

  private Response admitted(HttpHeaders headers, InputStream body) {
    String entry = "unknown";
    Caller caller = Caller.of(identity);
    try {
      checkEncoding(headers);
      String mediaType = mediaTypeOf(headers);
      // the content type decides the CloudEvents mode (HTTP binding, section 3): a structured or
      // batch body stays one even if a ce-specversion header came along
      boolean binaryMode =
          headers.getHeaderString("ce-specversion") != null
              && !mediaType.equals(CE_STRUCTURED)
              && !mediaType.equals(CE_BATCH);
      refuseDeclaredOver(
          headers,
          mediaType.equals(NDJSON) && !binaryMode
              ? config.limits().ndjsonBodyBytes()
              : config.limits().jsonBodyBytes());
      if (binaryMode) {
        entry = "cloudevents-binary";
        if (!mediaType.equals(MediaType.APPLICATION_JSON)) {
          throw ProblemException.unsupportedMediaType(
              "CloudEvents binary mode takes the indicator as application/json, not " + mediaType);
        }
        return accepted(cloudEvents.binary(headers, readJson(body)), entry, caller);
      }
      switch (mediaType) {
        case MediaType.APPLICATION_JSON -> {
          entry = "json";
          return accepted(plainJson(JsonBodies.parse(readJson(body))), entry, caller);
        }
        case NDJSON -> {
          entry = "ndjson";
          return Response.ok(ndjson.ingest(body, caller), MediaType.APPLICATION_JSON).build();
        }
        case CE_STRUCTURED -> {
          entry = "cloudevents-structured";
          return accepted(cloudEvents.structured(readJson(body)), entry, caller);
        }
        case CE_BATCH -> {
          entry = "cloudevents-batch";
          return accepted(cloudEvents.batch(readJson(body)), entry, caller);
        }
        default ->
            throw ProblemException.unsupportedMediaType(
                "Content-Type " + mediaType + " is not taken here; use " + ALLOWED);
      }
    } catch (ProblemException e) {
      metrics.requestRefused(entry, e.reason());
      throw e;
    } catch (SourceRefusal e) {
      metrics.requestRefused(entry, "forbidden-source");
      throw new ProblemException(
          Problem.of(
                  403,
                  "forbidden-source",
                  "Forbidden source",
                  e.errors().size()
                      + " of "
                      + e.total()
                      + " events have a source this feeder may not write; nothing was written.")
              .withErrors(e.errors()));
    } catch (IngestRefusal e) {
      metrics.requestRefused(entry, "validation");
      throw ProblemException.invalid(
          e.invalid() + " of " + e.total() + " events are invalid; nothing was written.",
          e.errors());
    }
  }

  private Response accepted(List<Located> events, String entry, Caller caller) {
    List<AcceptedEvent> accepted = ingester.ingestAll(events, entry, caller);
    return Response.accepted(new AcceptedAnswer(accepted)).type(MediaType.APPLICATION_JSON).build();
  }

  /** One event, or an array of 1..1,000 events (pointers {@code /i/...}). */
  private List<Located> plainJson(JsonNode root) {
    if (root.isObject()) {
      return List.of(new Located(root, ""));
    }
    if (!root.isArray()) {
      throw ProblemException.invalid(
          "The body must be one indicator event (a JSON object) or an array of them.",
          List.of(new FieldError("", "must be an object or an array of objects")));
    }
    return batchItems(root, "", config.limits().batchEvents());
  }

  /** The items of a JSON array as events, refusing empty and oversized arrays. */
  static List<Located> batchItems(JsonNode array, String prefix, int max) {
    if (array.isEmpty()) {
      throw ProblemException.invalid(
          "The array is empty; send 1 to " + max + " events.",
          List.of(new FieldError(prefix, "must hold at least one event")));
    }
    if (array.size() > max) {
      throw ProblemException.invalid(
          "The array holds "
              + array.size()
              + " events; at most "
              + max
              + " are taken at once (NDJSON takes bulk loads). Nothing was written.",
          List.of(new FieldError(prefix, "must hold at most " + max + " events")));
    }
    List<Located> events = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      events.add(new Located(array.get(i), prefix + "/" + i));
    }
    return events;
  }

  /**
   * A body whose Content-Length is over the limit is refused before a byte of it is read (413):
   * nothing of it is written, not even its first lines. Without a Content-Length (chunked), the
   * limit is enforced while reading.
   */
  private static void refuseDeclaredOver(HttpHeaders headers, long limit) {
    String declared = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared == null) {
      return;
    }
    long length;
    try {
      length = Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return; // the HTTP layer has already refused a malformed Content-Length
    }
    if (length > limit) {
      throw ProblemException.tooLarge(
          "The body is "
              + length
              + " bytes (Content-Length); this media type takes at most "
              + limit
              + " bytes. Nothing was read or written; split it (NDJSON takes bulk loads).");
    }
  }

  private byte[] readJson(InputStream body) {
    return JsonBodies.readAtMost(body, config.limits().jsonBodyBytes(), "The body");
  }

  private static void checkEncoding(HttpHeaders headers) {
    String encoding = headers.getHeaderString(HttpHeaders.CONTENT_ENCODING);
    if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
      throw ProblemException.unsupportedMediaType(
          "Content-Encoding " + encoding + " is not taken; send the body uncompressed");
    }
  }

  /** The request's type/subtype in lower case; 415 when missing, unparseable or not UTF-8. */
  private static String mediaTypeOf(HttpHeaders headers) {
    String header = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (header == null || header.isBlank()) {
      throw ProblemException.unsupportedMediaType("Content-Type is missing; use " + ALLOWED);
    }
    MediaType type;
    try {
      type = MediaType.valueOf(header.trim());
    } catch (IllegalArgumentException e) {
      throw ProblemException.unsupportedMediaType(
          "Content-Type '" + header + "' is not a media type; use " + ALLOWED);
    }
    if (type.isWildcardType() || type.isWildcardSubtype() || header.contains(",")) {
      throw ProblemException.unsupportedMediaType(
          "Content-Type '" + header + "' names no single media type; use " + ALLOWED);
    }
    String base = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
    if (!List.of(MediaType.APPLICATION_JSON, NDJSON, CE_STRUCTURED, CE_BATCH).contains(base)) {
      throw ProblemException.unsupportedMediaType(
          "Content-Type " + base + " is not taken here; use " + ALLOWED);
    }
    for (Map.Entry<String, String> parameter : type.getParameters().entrySet()) {
      if (parameter.getKey().equalsIgnoreCase("charset")
          && !parameter.getValue().replace("\"", "").equalsIgnoreCase("utf-8")) {
        throw ProblemException.unsupportedMediaType(
            "charset " + parameter.getValue() + " is not taken; send UTF-8");
      }
    }
    return base;
  }
}
