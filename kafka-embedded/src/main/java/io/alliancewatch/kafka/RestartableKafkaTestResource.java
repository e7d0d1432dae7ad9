package io.alliancewatch.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A test resource with a broker of its own that a test can stop and start again on the same port
 * with the same data (Apache Kafka's server, {@link StandaloneKafka}): for outage tests. Use it
 * with {@code restrictToAnnotatedClass = true}.
 */
public class RestartableKafkaTestResource implements QuarkusTestResourceLifecycleManager {

  private static Path dataDir;
  private static int port;
  private static int controllerPort;
  private static StandaloneKafka kafka;

  @Override
  public synchronized Map<String, String> start() {
    dataDir = Path.of("target", "restartable-kafka-" + UUID.randomUUID()).toAbsolutePath();
    port = StandaloneKafka.freePort();
    controllerPort = StandaloneKafka.freePort();
    startBroker();
    String stateDir =
        Path.of("target", "kafka-streams-" + UUID.randomUUID()).toAbsolutePath().toString();
    return Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "quarkus.kafka-streams.bootstrap-servers", kafka.bootstrapServers(),
        "kafka-streams.state.dir", stateDir);
  }

  /** Stops the broker: clients see it as unreachable. */
  public static synchronized void stopBroker() {
    if (kafka != null) {
      kafka.close();
      kafka = null;
    }
  }

  /** Starts the broker again, same port, same data. */
  public static synchronized void startBroker() {
    if (kafka == null) {
      kafka = StandaloneKafka.start(dataDir, port, controllerPort);
    }
  }

  public static synchronized String bootstrapServers() {
    return StandaloneKafka.HOST + ":" + port;
  }

  @Override
  public synchronized void stop() {
    stopBroker();
  }
}
