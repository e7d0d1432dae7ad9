package io.alliancewatch.scoring.api;

import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.scoring.api.ScoreQuery.Elsewhere;
import io.alliancewatch.scoring.api.ScoreQuery.HistoryLocation;
import io.alliancewatch.scoring.api.ScoreQuery.Page;
import io.alliancewatch.scoring.config.ScoringConfig;
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
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
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
  private final Forwarder forwarder;
  private final ScoringConfig config;
  private final JsonWebToken token;

  public AllianceScoreResource(
      ScoreResource scores,
      ScoreQuery query,
      Forwarder forwarder,
      ScoringConfig config,
      JsonWebToken token) {
    this.scores = scores;
    this.query = query;
    this.forwarder = forwarder;
    this.config = config;
    this.token = token;
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
          "Oldest first, from (inclusive) to (exclusive) on each record's asOf; by default"
              + " everything kept. Kept on disk for scoring.history.retention (default 30 days)."
              + " At most limit records per answer (default and most: scoring.history.page-size,"
              + " 10,000): a longer window ends with a Link header (rel=\"next\") to the page that"
              + " follows, which starts at the asOf of the first record not given.")
  public Response history(
      @PathParam("allianceId") String allianceId,
      @Parameter(description = "RFC 3339 instant, inclusive") @QueryParam("from") String from,
      @Parameter(description = "RFC 3339 instant, exclusive") @QueryParam("to") String to,
      @Parameter(description = "most records in this answer") @QueryParam("limit") String limit,
      @HeaderParam(Forwarder.FORWARDED_BY) String forwardedBy) {
    query.requireKnown(allianceId);
    Optional<Instant> end = AsOfParameter.parse("to", to);
    Instant start = AsOfParameter.parse("from", from).orElse(Instant.EPOCH);
    int most = limit(limit);
    String asked = limit == null ? null : String.valueOf(most); // passed on, and to the next page
    HistoryLocation location = query.history(allianceId, start, end.orElse(Instant.MAX), most);
    if (location instanceof Elsewhere elsewhere) {
      Forwarder.refuseSecondHop(allianceId, forwardedBy);
      return forwarder.forward(
          elsewhere.owner(),
          query.self(),
          historyPath(allianceId, start, end, asked),
          allianceId,
          token.getRawToken());
    }
    Page page = (Page) location;
    Response.ResponseBuilder answer =
        Response.ok(page.records()).header(Forwarder.SERVED_BY, query.selfAddress());
    page.next()
        .ifPresent(
            next ->
                answer.header(
                    "Link", "<" + historyPath(allianceId, next, end, asked) + ">; rel=\"next\""));
    return answer.build();
  }

  private int limit(String raw) {
    int max = config.history().pageSize();
    if (raw == null) {
      return max;
    }
    try {
      int limit = Integer.parseInt(raw.strip());
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.badLimit(raw, max);
  }

  private static String historyPath(
      String allianceId, Instant from, Optional<Instant> to, String limit) {
    return "/api/alliances/"
        + Forwarder.pathSegment(allianceId)
        + "/history?from="
        + from
        + to.map(end -> "&to=" + end).orElse("")
        + (limit == null ? "" : "&limit=" + limit);
  }
}
