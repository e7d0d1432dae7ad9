package io.alliancewatch.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The ingest service's own configuration ({@code ingest.*} in application.properties). */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

  Topics topics();

  Limits limits();

  Kafka kafka();

  Registry registry();

  Raw raw();

  interface Topics {
    @WithDefault("alliance.indicators.raw")
    String raw();

    @WithDefault("alliance.indicators")
    String indicators();

    @WithDefault("alliance.indicators.dlq")
    String dlq();

    @WithDefault("alliance.registry")
    String registry();

    /** Replicas of the topics this service creates; -1 takes the broker's default. */
    @WithDefault("-1")
    short replicationFactor();
  }

  interface Limits {
    /** A JSON or CloudEvents body past this is refused with 413. */
    @WithDefault("5242880")
    long jsonBodyBytes();

    /** An NDJSON body past this is refused with 413. */
    @WithDefault("100000000")
    long ndjsonBodyBytes();

    /** An NDJSON line past this is a bad line (reported), not a refused body. */
    @WithDefault("1048576")
    int ndjsonLineBytes();

    /** Events in one JSON array or CloudEvents batch. */
    @WithDefault("1000")
    int batchEvents();

    /**
     * POSTs of indicators in progress at once; one more is refused with 503 and {@code Retry-After}
     * before its body is read, so that an overload sheds requests instead of holding them until the
     * heap runs out.
     */
    @WithDefault("64")
    int inFlightRequests();
  }

  interface Kafka {
    /** How long a request waits for every acknowledgement before answering 503. */
    @WithDefault("PT10S")
    Duration ackTimeout();

    @WithDefault("5")
    int retryAfterSeconds();
  }

  interface Registry {
    /** Seed {@code alliance.registry} from the bundled alliances.json when it is empty. */
    @WithDefault("true")
    boolean seed();
  }

  interface Raw {
    @WithDefault("ingest-service-raw")
    String groupId();

    /** Consume the raw topic at all (off for an instance that only serves HTTP). */
    @WithDefault("true")
    boolean enabled();
  }
}
