package io.alliancewatch.scoring.api;

import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.scoring.api.ScoreQuery.Elsewhere;
import io.alliancewatch.scoring.api.ScoreQuery.Here;
import io.alliancewatch.scoring.api.ScoreQuery.Location;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code GET /api/scores/{allianceId}?asOf=}: one alliance's score record (scoring.md 5, 7). */
@Path("/api/scores")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ScoreResource {

  private final ScoreQuery query;
  private final Forwarder forwarder;

  public ScoreResource(ScoreQuery query, Forwarder forwarder) {
    this.query = query;
    this.forwarder = forwarder;
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
    Optional<Instant> at = AsOfParameter.parse(asOf);
    Location location = query.find(allianceId, at);
    if (location instanceof Here here) {
      return served(here.record());
    }
    Elsewhere elsewhere = (Elsewhere) location;
    if (forwardedBy != null) {
      throw ApiProblem.notReady(
          "ownership of " + allianceId + " is moving (asked by " + forwardedBy + "): retry");
    }
    return forwarder.forward(
        elsewhere.owner(), query.self(), allianceId, at.map(Instant::toString));
  }

  private Response served(ScoreRecord record) {
    return Response.ok(record)
        .header(Forwarder.SERVED_BY, query.self().host() + ":" + query.self().port())
        .build();
  }
}
