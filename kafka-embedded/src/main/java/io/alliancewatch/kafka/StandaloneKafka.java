package io.alliancewatch.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Apache Kafka's own KRaft server (broker and controller in one process), with its data in a folder
 * that survives restarts. The local run uses it as {@code main}; tests use it where a broker must
 * stop and start again on the same port with the same data.
 */
public final class StandaloneKafka implements AutoCloseable {

  /**
   * The only address the broker listens on: the local run's broker authenticates no one, so it is
   * reachable from this machine alone.
   */
  static final String HOST = "127.0.0.1";

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final KafkaRaftServer server;

  private StandaloneKafka(Path dataDir, int port, int controllerPort, KafkaRaftServer server) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.server = server;
  }

  /**
   * Starts a broker on {@code 127.0.0.1:port} with its log in {@code dataDir}, formatting the
   * folder on first use and keeping what it holds otherwise.
   */
  public static StandaloneKafka start(Path dataDir, int port, int controllerPort) {
    try {
      Files.createDirectories(dataDir);
      Properties props = new Properties();
      props.putAll(brokerConfig(dataDir, port, controllerPort));
      KafkaConfig config = new KafkaConfig(props, false);
      if (!Files.exists(dataDir.resolve("meta.properties"))) {
        format(dataDir);
      }
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      return new StandaloneKafka(dataDir, port, controllerPort, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> brokerConfig(Path dataDir, int port, int controllerPort) {
    return Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", "1"),
        Map.entry("controller.quorum.voters", "1@" + HOST + ":" + controllerPort),
        Map.entry(
            "listeners",
            "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", dataDir.toAbsolutePath().toString()),
        Map.entry("num.partitions", "1"),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("auto.create.topics.enable", "true"));
  }

  private static void format(Path dataDir) {
    try (PrintStream quiet = new PrintStream(PrintStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(dataDir.toAbsolutePath().toString()))
          .setMetadataLogDirectory(dataDir.toAbsolutePath().toString())
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setControllerListenerName("CONTROLLER")
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + dataDir, e);
    }
  }

  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /**
   * This broker stopped and a new one started on the same ports and data, as after a restart of its
   * machine: what was written before is there again.
   */
  public StandaloneKafka restarted() {
    close();
    return start(dataDir, port, controllerPort);
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  /** A port free on this machine now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the local broker until Ctrl-C: {@code [dataDir] [port] [controllerPort]}, defaults {@code
   * data/kafka 9092 9093}.
   */
  public static void main(String[] args) throws InterruptedException {
    Path dataDir = Path.of(args.length > 0 ? args[0] : "data/kafka");
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
    int controllerPort = args.length > 2 ? Integer.parseInt(args[2]) : 9093;
    StandaloneKafka kafka = start(dataDir, port, controllerPort);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  stopped.countDown();
                },
                "kafka-shutdown"));
    System.out.println(
        "Kafka broker ready on "
            + kafka.bootstrapServers()
            + ", data in "
            + dataDir.toAbsolutePath());
    stopped.await();
  }
}
