package io.alliancewatch.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Every setting of the alert service; the defaults are the ones of alerts.md. */
@ConfigMapping(prefix = "alerts")
public interface AlertsConfig {

  /** How often pending and repeating alerts are checked on the wall clock. */
  @WithDefault("1s")
  Duration checkInterval();

  Topics topics();

  Engine engine();

  Delivery delivery();

  Webhook webhook();

  Stream stream();

  Membership membership();

  /**
   * How this instance belongs to its consumer groups (the engine's and the deliveries'): as a
   * static member, so that after a crash and restart it takes its partitions back at once instead
   * of waiting for the dead member's session to end; and with a short session, so that an instance
   * that does not come back hands its partitions over soon.
   */
  interface Membership {
    /**
     * This instance's {@code group.instance.id}: stable across its restarts, different for every
     * instance of the group (application.properties: the host name and HTTP port).
     */
    String instanceId();

    /** A member not heard from for this long leaves the group ({@code session.timeout.ms}). */
    @WithDefault("10s")
    Duration sessionTimeout();
  }

  /** Topic names (contract.md defaults) and the replication of topics this service creates. */
  interface Topics {
    @WithDefault("alliance.scores")
    String scores();

    @WithDefault("alliance.registry")
    String registry();

    @WithDefault("alert.subscriptions")
    String subscriptions();

    @WithDefault("alert.notifications")
    String notifications();

    @WithDefault("alert.notifications.dlq")
    String notificationsDlq();

    /** Internal, compacted: the delivery log (one record per delivery, its latest state). */
    @WithDefault("alert-service.deliveries")
    String deliveries();

    /** -1: the broker's default. */
    @WithDefault("-1")
    short replicationFactor();
  }

  /** The Kafka Streams application that holds the alert states. */
  interface Engine {
    @WithDefault("alert-service")
    String applicationId();

    /**
     * Exactly-once commits: a notification becomes visible to readers at the commit, so this
     * interval is part of the latency from score to webhook.
     */
    @WithDefault("20ms")
    Duration commitInterval();
  }

  interface Delivery {
    /** An answer later than this is a failed attempt. */
    @WithDefault("10s")
    Duration timeout();

    /** The delays between attempts; its length is the number of retries. */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Each delay is multiplied by a random factor in 1 ± jitter. */
    @WithDefault("0.2")
    double jitter();

    /** A Retry-After longer than this is cut to it. */
    @WithDefault("1h")
    Duration maxRetryAfter();

    @WithDefault("alert-service-delivery")
    String groupId();
  }

  interface Webhook {
    @WithDefault("false")
    boolean allowLoopback();

    @WithDefault("false")
    boolean allowPrivate();
  }

  interface Stream {
    /** A comment line this often keeps proxies from closing an idle SSE stream. */
    @WithDefault("15s")
    Duration keepAlive();
  }

  /**
   * Where the local views of topics (the delivery log, the alert history) keep their files: on
   * disk, not in the heap. Emptied at each start and read again from the topics.
   */
  @WithDefault("${kafka-streams.state.dir}/views")
  String viewsDir();
}
