package io.alliancewatch.alert.engine;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.state.AlertStateMachine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Owns the Kafka Streams instance that keeps the alert states. It is started and stopped here
 * rather than by the framework, so the durable part of the service can be restarted on its own (the
 * restart test does exactly that).
 */
@ApplicationScoped
public class AlertEngine {

  private static final Logger LOG = Logger.getLogger(AlertEngine.class);

  private final KafkaClients clients;
  private final AlertsConfig config;
  private final String stateDir;
  private final MeterRegistry meters;
  private final Counter outOfOrder;
  private volatile KafkaStreams streams;
  private volatile KafkaStreamsMetrics streamsMetrics;

  public AlertEngine(
      KafkaClients clients,
      AlertsConfig config,
      MeterRegistry meters,
      @ConfigProperty(name = "kafka-streams.state.dir", defaultValue = "target/alert-state")
          String stateDir) {
    this.clients = clients;
    this.config = config;
    this.meters = meters;
    this.stateDir = stateDir;
    this.outOfOrder =
        Counter.builder("alerts.scores.ignored")
            .description("Score records older than one already judged for their alliance")
            .tag("reason", "out-of-order")
            .register(meters);
  }

  public synchronized void start() {
    var topics = config.topics();
    var topology =
        AlertTopology.build(
            topics.scores(),
            topics.subscriptions(),
            topics.notifications(),
            new AlertStateMachine(() -> UUID.randomUUID().toString()),
            config.checkInterval(),
            n -> meters.counter("alerts.notifications", "status", n.status()).increment(),
            outOfOrder::increment);
    KafkaStreams created = new KafkaStreams(topology, properties());
    created.setUncaughtExceptionHandler(
        e -> {
          LOG.error("the alert engine failed; replacing its stream thread", e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streamsMetrics = clients.metricsOf(created);
    created.start();
    streams = created;
  }

  /**
   * Stops the engine. With {@code wipeLocalState}, its local state is deleted, so the next start
   * rebuilds every alert state from the changelog topics, as a new machine would.
   */
  public synchronized void stop(boolean wipeLocalState) {
    KafkaStreams current = streams;
    streams = null;
    if (current != null) {
      current.close(Duration.ofSeconds(30));
      streamsMetrics.close();
      if (wipeLocalState) {
        current.cleanUp();
      }
    }
  }

  public boolean running() {
    KafkaStreams current = streams;
    return current != null && current.state() == KafkaStreams.State.RUNNING;
  }

  public String state() {
    KafkaStreams current = streams;
    return current == null ? "STOPPED" : current.state().name();
  }

  private Properties properties() {
    Properties p = new Properties();
    p.putAll(clients.baseProps());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.engine().applicationId());
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    long commitMillis = config.engine().commitInterval().toMillis();
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMillis);
    // While no record waits, the stream thread blocks in poll for poll.ms (default 100 ms) and
    // commits only after it: a score processed less than a commit interval after the last commit
    // (e.g. the tick's) would wait up to 100 ms for its own. Half a commit interval bounds that
    // wait by the interval. (The benchmark's spread hid any difference: README, "Benchmark".)
    p.put(StreamsConfig.POLL_MS_CONFIG, Math.max(1, commitMillis / 2));
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.topics().replicationFactor());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // a static member (Kafka Streams adds the thread's index): back after a crash, it takes its
    // tasks at once, with no rebalance and no wait for the dead member's session
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        config.membership().instanceId());
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
        (int) config.membership().sessionTimeout().toMillis());
    return p;
  }
}
