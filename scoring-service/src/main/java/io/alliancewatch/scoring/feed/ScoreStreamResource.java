package io.alliancewatch.scoring.feed;

import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.http.SseConnection;
import io.alliancewatch.http.SseStreams;
import io.alliancewatch.http.security.RouteAccess;
import io.alliancewatch.scoring.api.ScoreQuery;
import io.alliancewatch.scoring.config.ScoringConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/scores/stream}: Server-Sent Events of score records (scoring.md section 9). On
 * connect, the latest record of every alliance asked for ({@code ?alliance=}, repeatable; none:
 * all); then each record as it is committed to {@code alliance.scores}, {@code event: score},
 * {@code id:} its {@code partition-offset}; a comment line at every keepalive interval. A Vert.x
 * route rather than a JAX-RS resource, so the lines are written as the spec shows them ({@link
 * SseConnection}).
 */
@ApplicationScoped
public class ScoreStreamResource {

  static final String PATH = "/api/scores/stream";

  private static final Logger LOG = Logger.getLogger(ScoreStreamResource.class);

  private final ScoreFeed feed;
  private final ScoreQuery query;
  private final SseStreams streams;

  private final RouteAccess access;

  public ScoreStreamResource(
      ScoreFeed feed,
      ScoreQuery query,
      ScoringConfig config,
      MeterRegistry registry,
      RouteAccess access) {
    this.access = access;
    this.feed = feed;
    this.query = query;
    this.streams = new SseStreams("score-stream", config.stream().keepalive());
    Gauge.builder("scoring.stream.clients", streams, SseStreams::size)
        .description("Clients connected to the score stream")
        .register(registry);
  }

  void routes(@Observes Router router) {
    // a worker thread: the first records read the registry's store
    router.get(PATH).handler(access.requiring(Access.VIEWER)).blockingHandler(this::stream, false);
  }

  void onStop(@Observes ShutdownEvent event) {
    streams.close();
  }

  private void stream(RoutingContext context) {
    List<ScoreRecord> unscored = query.unscored(Instant.now()); // before the 200 goes out
    SseConnection connection = streams.open(context);
    Client client = new Client(connection, Set.copyOf(context.queryParam("alliance")));
    try {
      feed.subscribe(client, unscored);
    } catch (RuntimeException e) {
      LOG.warnf(e, "could not start a score stream; closing it (the client reconnects)");
      connection.close();
    }
    connection.onClose(() -> feed.unsubscribe(client)); // at once if it is gone already
  }

  /** One connected client and the alliances it asked for (none: all). */
  private record Client(SseConnection connection, Set<String> alliances)
      implements ScoreFeed.Listener {

    @Override
    public boolean wants(String allianceId) {
      return alliances.isEmpty() || alliances.contains(allianceId);
    }

    @Override
    public void accept(ScoreFeed.Positioned score) {
      connection.send("score", score.position(), score.json());
    }
  }
}
