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

  private final Node node;
  private final KafkaRaftServer server;

  private StandaloneKafka(Node node, KafkaRaftServer server) {
    this.node = node;
    this.server = server;
  }

  /**
   * Starts a broker on {@code 127.0.0.1:port} with its log in {@code dataDir}, formatting the
   * folder on first use and keeping what it holds otherwise.
   */
  public static StandaloneKafka start(Path dataDir, int port, int controllerPort) {
    return start(new Node(dataDir, 1, port, controllerPort, null, null));
  }

  /**
   * A node of a cluster of combined nodes (broker and controller each), or a cluster of one.
   *
   * @param voters {@code controller.quorum.voters} of the cluster ({@code 1@127.0.0.1:9093,...});
   *     null: this node alone
   * @param clusterId the id every node of the cluster is formatted with; null: a new one
   */
  public record Node(
      Path dataDir, int nodeId, int port, int controllerPort, String voters, String clusterId) {

    /** How many nodes the cluster has. */
    int size() {
      return voters == null ? 1 : voters.split(",").length;
    }
  }

  /**
   * Starts {@code node}, formatting its folder on first use and keeping what it holds otherwise. In
   * a cluster of three or more, topics get the settings of {@code docker-compose.yml}: three
   * replicas, two in sync, and no topic is created by a typo.
   */
  public static StandaloneKafka start(Node node) {
    Path dataDir = node.dataDir();
    try {
      Files.createDirectories(dataDir);
      Properties props = new Properties();
      props.putAll(brokerConfig(node));
      KafkaConfig config = new KafkaConfig(props, false);
      if (!Files.exists(dataDir.resolve("meta.properties"))) {
        format(node);
      }
      KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      return new StandaloneKafka(node, server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, String> brokerConfig(Path dataDir, int port, int controllerPort) {
    return brokerConfig(new Node(dataDir, 1, port, controllerPort, null, null));
  }

  static Map<String, String> brokerConfig(Node node) {
    Path dataDir = node.dataDir();
    int port = node.port();
    int controllerPort = node.controllerPort();
    boolean replicated = node.size() >= 3;
    String replicas = replicated ? "3" : "1";
    String inSync = replicated ? "2" : "1";
    return Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", Integer.toString(node.nodeId())),
        Map.entry(
            "controller.quorum.voters",
            node.voters() != null ? node.voters() : "1@" + HOST + ":" + controllerPort),
        Map.entry(
            "listeners",
            "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", dataDir.toAbsolutePath().toString()),
        Map.entry("num.partitions", "1"),
        Map.entry("default.replication.factor", replicas),
        Map.entry("min.insync.replicas", inSync),
        Map.entry("offsets.topic.replication.factor", replicas),
        Map.entry("transaction.state.log.replication.factor", replicas),
        Map.entry("transaction.state.log.min.isr", inSync),
        Map.entry("share.coordinator.state.topic.replication.factor", replicas),
        Map.entry("share.coordinator.state.topic.min.isr", inSync),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("auto.create.topics.enable", replicated ? "false" : "true"));
  }

  private static void format(Node node) {
    Path dataDir = node.dataDir();
    try (PrintStream quiet = new PrintStream(PrintStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(node.nodeId())
          .setClusterId(node.clusterId() != null ? node.clusterId() : Uuid.randomUuid().toString())
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
    return HOST + ":" + node.port();
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
   * Runs the local broker until Ctrl-C: {@code [dataDir] [port] [controllerPort] [nodeId voters
   * clusterId]}, defaults {@code data/kafka 9092 9093} and a cluster of one; with the last three, a
   * node of a cluster ({@link KafkaNodes} starts one so).
   */
  public static void main(String[] args) throws InterruptedException {
    Path dataDir = Path.of(args.length > 0 ? args[0] : "data/kafka");
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 9092;
    int controllerPort = args.length > 2 ? Integer.parseInt(args[2]) : 9093;
    Node node =
        args.length > 5
            ? new Node(dataDir, Integer.parseInt(args[3]), port, controllerPort, args[4], args[5])
            : new Node(dataDir, 1, port, controllerPort, null, null);
    StandaloneKafka kafka = start(node);
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
