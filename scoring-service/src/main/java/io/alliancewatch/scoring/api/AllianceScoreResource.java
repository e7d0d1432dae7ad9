package io.alliancewatch.scoring.api;

import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.scoring.feed.ScoreHistory;
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
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The spec's per-alliance endpoints: {@code GET /api/alliances/{id}/score?asOf=} and {@code GET
 * /api/alliances/{id}/history?from=&to=}.
 */
@Path("/api/alliances/{allianceId}")
@RolesAllowed(Access.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AllianceScoreResource {

  private final ScoreResource scores;
  private final ScoreQuery query;
  private final ScoreHistory history;

  public AllianceScoreResource(ScoreResource scores, ScoreQuery query, ScoreHistory history) {
    this.scores = scores;
    this.query = query;
    this.history = history;
  }

  @GET
  @Path("/score")
  @Operation(
      summary = "The score record of an alliance",
      description =
          "At asOf (an RFC 3339 instant, not before the alliance's reference time: 400), by default"
              + " max(referenceTime, now). 404 for an alliance the registry does not know; 200 with"
              + " 80/20 for a known alliance without events.")
  public Response score(
      @PathParam("allianceId") String allianceId,
      @Parameter(description = "RFC 3339 instant, e.g. 2026-03-24T12:00:00Z") @QueryParam("asOf")
          String asOf,
      @HeaderParam(Forwarder.FORWARDED_BY) String forwardedBy) {
    return scores.score(allianceId, asOf, forwardedBy);
  }

  @GET
  @Path("/history")
  @Operation(
      summary = "The score records emitted for an alliance",
      description =
          "Oldest first, from (inclusive) to (exclusive) on each record's asOf; default the last 30"
              + " days. Kept for scoring.history.retention (default 30 days), at most"
              + " scoring.history.max-records (default 10,000) per alliance.")
  public List<ScoreRecord> history(
      @PathParam("allianceId") String allianceId,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    query.requireKnown(allianceId);
    Instant end = AsOfParameter.parse("to", to).orElse(Instant.MAX);
    Instant start =
        AsOfParameter.parse("from", from)
            .orElseGet(() -> Instant.now().minus(java.time.Duration.ofDays(30)));
    return history.between(allianceId, start, end);
  }
}
