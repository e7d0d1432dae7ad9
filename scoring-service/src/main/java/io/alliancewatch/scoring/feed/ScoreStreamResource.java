package io.alliancewatch.scoring.feed;

import io.alliancewatch.scoring.config.ScoringConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/scores/stream}: Server-Sent Events of score records (scoring.md section 9). On
 * connect, the latest record of every alliance asked for; then each record as it is committed to
 * {@code alliance.scores}; a comment line at every keepalive interval.
 */
@Path("/api/scores/stream")
@ApplicationScoped
public class ScoreStreamResource {

  private final ScoreFeed feed;
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService keepalive =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "score-stream-keepalive");
            thread.setDaemon(true);
            return thread;
          });

  public ScoreStreamResource(ScoreFeed feed, ScoringConfig config, MeterRegistry registry) {
    this.feed = feed;
    long every = config.stream().keepalive().toMillis();
    keepalive.scheduleAtFixedRate(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
    Gauge.builder("scoring.stream.clients", clients, List::size)
        .description("Clients connected to the score stream")
        .register(registry);
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Score records as Server-Sent Events",
      description =
          "event: score, id: partition-offset in alliance.scores, data: the record. ?alliance= (repeatable)"
              + " narrows the stream.")
  public void stream(
      @QueryParam("alliance") List<String> alliances,
      @Context SseEventSink sink,
      @Context Sse sse) {
    Client client = new Client(sink, sse, alliances == null ? Set.of() : Set.copyOf(alliances));
    clients.add(client);
    feed.subscribe(client);
  }

  void onStop(@Observes ShutdownEvent event) {
    keepalive.shutdownNow();
    clients.forEach(Client::close);
  }

  private void keepAlive() {
    for (Client client : clients) {
      client.send(client.sse.newEventBuilder().comment("keepalive").build());
    }
  }

  /** One connected client: its sink and the alliances it asked for (none: all). */
  private final class Client implements ScoreFeed.Listener {
    private final SseEventSink sink;
    private final Sse sse;
    private final Set<String> alliances;

    Client(SseEventSink sink, Sse sse, Set<String> alliances) {
      this.sink = sink;
      this.sse = sse;
      this.alliances = alliances;
    }

    @Override
    public boolean wants(String allianceId) {
      return alliances.isEmpty() || alliances.contains(allianceId);
    }

    @Override
    public void accept(ScoreFeed.Positioned score) {
      send(sse.newEventBuilder().name("score").id(score.position()).data(score.json()).build());
    }

    void send(OutboundSseEvent event) {
      if (sink.isClosed()) {
        close();
        return;
      }
      sink.send(event)
          .whenComplete(
              (ignored, failure) -> {
                if (failure != null) {
                  close();
                }
              });
    }

    void close() {
      clients.remove(this);
      feed.unsubscribe(this);
      if (!sink.isClosed()) {
        sink.close();
      }
    }
  }
}
