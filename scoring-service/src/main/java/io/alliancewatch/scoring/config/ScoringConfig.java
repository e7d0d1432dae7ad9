package io.alliancewatch.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The service's own configuration keys (README, "Configuration"). */
@ConfigMapping(prefix = "scoring")
public interface ScoringConfig {

  Model model();

  Topics topics();

  /**
   * This instance's static membership id in its Kafka Streams group ({@code
   * kafka-streams.main.consumer.group.instance.id} is set from it): stable across its restarts,
   * different for every instance (application.properties: the host name and HTTP port).
   */
  String instanceId();

  /** How often every alliance is re-evaluated as its evidence fades (scoring.md section 8). */
  @WithDefault("60s")
  Duration tickInterval();

  /**
   * How often the alliances counted since the last emission get their record, each once, after
   * which the transaction is committed (scoring.md section 9: at most one record per alliance per
   * commit). Bounds the wait from an event to its record; a shorter one means more, smaller
   * transactions.
   */
  @WithDefault("20ms")
  Duration emitInterval();

  Stream stream();

  History history();

  /**
   * The host name other instances use to reach this one; with {@code quarkus.http.port} it makes
   * {@code quarkus.kafka-streams.application-server}.
   */
  @WithDefault("localhost")
  String advertisedHost();

  Forwarding forwarding();

  interface Model {
    /** The weights file {@code model/{version}.json}; also the {@code modelVersion} of records. */
    @WithDefault("2026.1")
    String version();
  }

  interface Topics {
    @WithDefault("alliance.indicators")
    String indicators();

    @WithDefault("alliance.registry")
    String registry();

    @WithDefault("alliance.scores")
    String scores();

    /** Replicas of the topics this service creates when they are missing; -1: broker default. */
    @WithDefault("-1")
    short replicationFactor();
  }

  interface Stream {
    /** A comment line this often keeps proxies from closing an idle stream. */
    @WithDefault("15s")
    Duration keepalive();
  }

  interface History {
    /**
     * How long emitted records are kept for {@code GET /api/alliances/{id}/history}, counted back
     * from the newest record of the alliance's partition (scoring.md section 9); older ones are
     * dropped from the store on disk a segment at a time.
     */
    @WithDefault("P30D")
    Duration retention();

    /**
     * The most records one answer of the history holds; a longer window is answered in pages, each
     * linking the next ({@code Link: <...>; rel="next"}).
     */
    @WithDefault("10000")
    int pageSize();
  }

  interface Forwarding {
    /** How long a query forwarded to the instance that owns the alliance may take. */
    @WithDefault("5s")
    Duration timeout();
  }
}
