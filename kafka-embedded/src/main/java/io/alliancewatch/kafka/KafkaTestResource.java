package io.alliancewatch.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A Quarkus test resource that gives the service a real broker: a KRaft cluster in this JVM, or
 * Testcontainers' Kafka when asked. The in-JVM broker stays the default even where a Docker engine
 * runs: no registry serves images here, and Testcontainers spent minutes per test JVM trying to
 * pull them. One broker serves every test class of the JVM; each start gets a fresh Kafka Streams
 * state directory, as stale state corrupts tasks.
 *
 * <p>{@code -Dalliancewatch.test.kafka=container} chooses Testcontainers, {@code auto}
 * Testcontainers where a Docker engine answers; {@code
 * -Dalliancewatch.test.kafka=bootstrap:HOST:PORT} uses a broker that runs elsewhere (e.g. the local
 * run's {@code StandaloneKafka} in its own JVM, for a benchmark) and leaves it running.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  private static final String EXTERNAL = "bootstrap:";

  private static KafkaForTests kafka;

  /** The broker of this JVM, started on first use. */
  public static synchronized KafkaForTests kafka() {
    if (kafka == null) {
      String choice = System.getProperty("alliancewatch.test.kafka", "embedded");
      if (choice.startsWith(EXTERNAL)) {
        String bootstrap = choice.substring(EXTERNAL.length());
        kafka =
            new KafkaForTests() {
              @Override
              public String bootstrapServers() {
                return bootstrap;
              }

              @Override
              public void close() {
                // not ours to stop
              }
            };
        return kafka;
      }
      boolean container =
          choice.equals("container") || (choice.equals("auto") && ContainerKafka.dockerAvailable());
      kafka =
          container
              ? ContainerKafka.start()
              : EmbeddedKafkaCluster.start(
                  Path.of("target", "kafka-" + UUID.randomUUID()).toAbsolutePath());
      KafkaForTests started = kafka;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-shutdown"));
    }
    return kafka;
  }

  public static String bootstrapServers() {
    return kafka().bootstrapServers();
  }

  @Override
  public Map<String, String> start() {
    String stateDir =
        Path.of("target", "kafka-streams-" + UUID.randomUUID()).toAbsolutePath().toString();
    return Map.of(
        "kafka.bootstrap.servers", bootstrapServers(),
        "quarkus.kafka-streams.bootstrap-servers", bootstrapServers(),
        "kafka-streams.state.dir", stateDir);
  }

  @Override
  public void stop() {
    // the broker outlives one test class; the shutdown hook stops it with the JVM
  }
}
