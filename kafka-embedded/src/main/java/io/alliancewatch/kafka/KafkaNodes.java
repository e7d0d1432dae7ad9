package io.alliancewatch.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of three (or more) nodes, each broker and controller, each in its own JVM ({@link
 * StandaloneKafka}, started as {@code ./run} starts the local broker), with the topic settings of
 * {@code docker-compose.yml} (three replicas, two in sync). A node can be stopped (SIGTERM: a
 * controlled shutdown), killed (SIGKILL: as a crash), and started again on its ports and data. Its
 * output goes to {@code logDir/kafka-<id>.log}.
 */
public final class KafkaNodes implements AutoCloseable {

  private static final Duration READY = Duration.ofMinutes(2);

  private final Path root;
  private final Path logDir;
  private final List<StandaloneKafka.Node> nodes;
  private final Process[] processes;
  private final int[] starts;

  private KafkaNodes(Path root, Path logDir, List<StandaloneKafka.Node> nodes) {
    this.root = root;
    this.logDir = logDir;
    this.nodes = nodes;
    this.processes = new Process[nodes.size()];
    this.starts = new int[nodes.size()];
  }

  /**
   * Starts {@code size} nodes on free ports with their data under {@code dataDir} and waits until
   * every broker is in the cluster.
   *
   * @param root the project's root ({@code kafka-embedded/target/lib} holds Kafka's jars: {@code
   *     ./mvnw package} made it)
   */
  public static KafkaNodes start(Path root, Path dataDir, Path logDir, int size)
      throws IOException, InterruptedException {
    String clusterId = Uuid.randomUuid().toString();
    List<int[]> ports = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ports.add(new int[] {StandaloneKafka.freePort(), StandaloneKafka.freePort()});
    }
    String voters =
        java.util.stream.IntStream.range(0, size)
            .mapToObj(i -> (i + 1) + "@" + StandaloneKafka.HOST + ":" + ports.get(i)[1])
            .collect(Collectors.joining(","));
    List<StandaloneKafka.Node> nodes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      nodes.add(
          new StandaloneKafka.Node(
              dataDir.resolve("kafka-" + (i + 1)),
              i + 1,
              ports.get(i)[0],
              ports.get(i)[1],
              voters,
              clusterId));
    }
    KafkaNodes cluster = new KafkaNodes(root, logDir, nodes);
    try {
      for (int id = 1; id <= size; id++) {
        cluster.launch(id);
      }
      cluster.awaitBrokers(size, READY);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Every node's client address, as {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return nodes.stream()
        .map(n -> StandaloneKafka.HOST + ":" + n.port())
        .collect(Collectors.joining(","));
  }

  /** The node ids, 1 to the cluster's size. */
  public int size() {
    return nodes.size();
  }

  private synchronized void launch(int id) throws IOException {
    StandaloneKafka.Node node = nodes.get(id - 1);
    Path lib = root.resolve("kafka-embedded/target/lib");
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(lib + " is missing: run ./mvnw package -DskipTests first");
    }
    String classpath = root.resolve("kafka-embedded/target/classes") + ":" + lib + "/*";
    List<String> command =
        List.of(
            "java",
            "-Xmx512m",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            classpath,
            StandaloneKafka.class.getName(),
            node.dataDir().toString(),
            Integer.toString(node.port()),
            Integer.toString(node.controllerPort()),
            Integer.toString(id),
            node.voters(),
            node.clusterId());
    Files.createDirectories(logDir);
    int n = ++starts[id - 1];
    Path log = logDir.resolve("kafka-" + id + (n > 1 ? "-" + n : "") + ".log");
    processes[id - 1] =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Stops node {@code id} as a supervisor's stop would (SIGTERM: a controlled shutdown). */
  public void stop(int id) throws InterruptedException {
    Process process = processes[id - 1];
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** Kills node {@code id} as a crash would (SIGKILL: nothing flushed, no shutdown). */
  public void kill(int id) throws InterruptedException {
    processes[id - 1].destroyForcibly().waitFor();
  }

  /** Starts node {@code id} again on its ports with its data, and waits until it listens. */
  public void start(int id) throws IOException, InterruptedException {
    if (processes[id - 1].isAlive()) {
      return;
    }
    launch(id);
    awaitListening(id, READY);
  }

  private void awaitListening(int id, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    StandaloneKafka.Node node = nodes.get(id - 1);
    while (System.nanoTime() < deadline) {
      if (!processes[id - 1].isAlive()) {
        throw new IllegalStateException("Kafka node " + id + " exited; see its log in " + logDir);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(StandaloneKafka.HOST, node.port()), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(200); // not listening yet
      }
    }
    throw new IllegalStateException("Kafka node " + id + " not listening within " + timeout);
  }

  /** Waits until {@code count} brokers are registered with the cluster's controller. */
  public void awaitBrokers(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try (Admin admin = admin()) {
        int seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        if (seen >= count) {
          return;
        }
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        last = new IllegalStateException(e.toString(), e);
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        count + " brokers not in the cluster within " + timeout + " (logs in " + logDir + ")",
        last);
  }

  /**
   * The partitions of every topic, internal ones included, whose in-sync replicas are fewer than
   * their replicas, as {@code topic-partition}: empty once the cluster has healed.
   */
  public List<String> underReplicated()
      throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin = admin()) {
      Set<String> names =
          admin
              .listTopics(new ListTopicsOptions().listInternal(true))
              .names()
              .get(10, TimeUnit.SECONDS);
      Map<String, TopicDescription> described =
          admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
      return described.values().stream()
          .flatMap(
              t ->
                  t.partitions().stream()
                      .filter(p -> p.isr().size() < p.replicas().size())
                      .map(p -> t.name() + "-" + p.partition()))
          .sorted()
          .toList();
    }
  }

  public Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
  }

  /** Stops every node still running. */
  @Override
  public void close() {
    for (Process process : processes) {
      if (process != null) {
        process.destroy();
      }
    }
    for (Process process : processes) {
      if (process != null) {
        try {
          if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
