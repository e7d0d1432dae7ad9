package io.alliancewatch.scoring.api;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.scoring.api.ScoreQuery.Elsewhere;
import io.alliancewatch.scoring.api.ScoreQuery.Here;
import io.alliancewatch.scoring.api.ScoreQuery.Location;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * {@code GET /api/scores}: every alliance; {@code GET /api/scores/{allianceId}?asOf=}: one
 * alliance's score record (scoring.md 5, 7), also served as {@code /api/alliances/{id}/score}.
 */
@Path("/api/scores")
@RolesAllowed(Access.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ScoreResource {

  private final ScoreQuery query;
  private final Forwarder forwarder;
  private final JsonWebToken token;

  public ScoreResource(ScoreQuery query, Forwarder forwarder, JsonWebToken token) {
    this.query = query;
    this.forwarder = forwarder;
    this.token = token;
  }

  @GET
  @Path("/{allianceId}")
  @Operation(
      summary = "The score record of an alliance",
      description =
          "At asOf (an RFC 3339 instant, not before the alliance's reference time), by default"
              + " max(referenceTime, now). 404 for an alliance the registry does not know.")
  public Response score(
      @PathParam("allianceId") String allianceId,
      @Parameter(description = "RFC 3339 instant, e.g. 2026-03-24T12:00:00Z") @QueryParam("asOf")
          String asOf,
      @HeaderParam(Forwarder.FORWARDED_BY) String forwardedBy) {
    Alliance alliance;
    try {
      alliance = query.requireKnown(allianceId); // an unknown alliance is 404 whatever its asOf
    } catch (ApiProblem unknownOrNotReady) {
      if (unknownOrNotReady.status() == 503) {
        AsOfParameter.parse("asOf", asOf); // a malformed asOf is 400 even while starting
      }
      throw unknownOrNotReady;
    }
    Optional<Instant> at = AsOfParameter.parse("asOf", asOf);
    Location location = query.find(alliance, at);
    if (location instanceof Here here) {
      return served(here.record());
    }
    Elsewhere elsewhere = (Elsewhere) location;
    Forwarder.refuseSecondHop(allianceId, forwardedBy);
    return forwarder.forward(
        elsewhere.owner(),
        query.self(),
        allianceId,
        at.map(Instant::toString),
        token.getRawToken());
  }

  @GET
  @Operation(
      summary = "The score of every alliance the registry knows, now",
      description = "Each at max(referenceTime, now), sorted by alliance id.")
  public List<ScoreRecord> all() {
    List<ScoreRecord> records = new ArrayList<>();
    for (Alliance alliance : query.alliances()) {
      String allianceId = alliance.id();
      Location location = query.find(alliance, Optional.empty());
      if (location instanceof Here here) {
        records.add(here.record());
        continue;
      }
      Response answer =
          forwarder.forward(
              ((Elsewhere) location).owner(),
              query.self(),
              allianceId,
              Optional.empty(),
              token.getRawToken());
      if (answer.getStatus() != 200) {
        throw ApiProblem.notReady(
            "the instance that owns " + allianceId + " answered " + answer.getStatus());
      }
      try {
        records.add(Json.mapper().readValue((byte[]) answer.getEntity(), ScoreRecord.class));
      } catch (IOException e) {
        throw ApiProblem.notReady("unreadable answer from the owner of " + allianceId + ": " + e);
      }
    }
    return records;
  }

  private Response served(ScoreRecord record) {
    return Response.ok(record).header(Forwarder.SERVED_BY, query.selfAddress()).build();
  }
}
