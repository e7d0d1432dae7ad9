package io.alliancewatch.e2e.system;

import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.issuer.LocalIssuer;
import io.alliancewatch.kafka.KafkaNodes;
import io.alliancewatch.kafka.ServiceProcess;
import io.alliancewatch.kafka.StandaloneKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole system as users run it: one Kafka broker (Apache Kafka's own server, in its own process
 * as ./run starts it; or a cluster of them, {@link #startOnCluster}) and the three services as
 * processes from their built jars, on free ports, with fresh state under {@code
 * e2e/target/system-<time>/} (logs in its {@code logs/}). Started once per test JVM through {@link
 * RunningSystemExtension}, stopped when the run ends.
 */
public final class RunningSystem implements Deployment, AutoCloseable {

  /** The services are slow to start on a busy 2-core machine; each gets this long. */
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

  private static final String PUBLIC_KEY = "mp.jwt.verify.publickey.location";

  private final LocalIssuer issuer;
  private final Path root;
  private final Path workDir;

  /** The broker (one node) or the cluster, each node in its own process, as ./run starts it. */
  private final KafkaNodes cluster;

  /** Each service's process (replaced when it is started again) and its configuration. */
  private final Map<String, ServiceProcess> processes =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Map<String, Map<String, String>> configs;
  private final Map<String, Integer> starts = new java.util.concurrent.ConcurrentHashMap<>();

  private RunningSystem(
      Path root,
      Path workDir,
      KafkaNodes cluster,
      Map<String, ServiceProcess> processes,
      Map<String, Map<String, String>> configs,
      LocalIssuer issuer) {
    this.issuer = issuer;
    this.root = root;
    this.workDir = workDir;
    this.cluster = cluster;
    this.processes.putAll(processes);
    this.configs = Map.copyOf(configs);
  }

  /** The project's root folder. */
  public Path root() {
    return root;
  }

  /** Starts the broker, then the services, and waits until each reports ready. */
  public static RunningSystem start() {
    return start("system", 1);
  }

  /**
   * Starts a cluster of {@code nodes} Kafka nodes, each in its own process ({@link KafkaNodes}: 3
   * replicas, 2 in sync), then the services, with this run's files in {@code
   * e2e/target/<name>-<time>/}. The caller closes it.
   */
  public static RunningSystem startOnCluster(String name, int nodes) {
    return start(name, nodes);
  }

  private static RunningSystem start(String name, int nodes) {
    Path root =
        Path.of(System.getProperty("alliancewatch.root", "..")).toAbsolutePath().normalize();
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path workDir = root.resolve("e2e/target/" + name + "-" + stamp);
    Path logs = workDir.resolve("logs");
    List<AutoCloseable> started = new ArrayList<>();
    try {
      KafkaNodes cluster = KafkaNodes.start(root, workDir.resolve("kafka"), logs, nodes);
      started.add(cluster);
      String brokers = cluster.bootstrapServers();
      // the local issuer's keys for this run; every service verifies tokens with its public key
      // (one pair per test JVM, so that a token is good on every system a run starts)
      LocalIssuer issuer =
          LocalIssuer.in(root.resolve("e2e/target/keys-" + ProcessHandle.current().pid()));
      String publicKey = issuer.publicKey().toString();
      int ingestPort = StandaloneKafka.freePort();
      int scoringPort = StandaloneKafka.freePort();
      int alertPort = StandaloneKafka.freePort();

      Map<String, String> ingestConfig =
          Map.of("kafka.bootstrap.servers", brokers, PUBLIC_KEY, publicKey);
      ServiceProcess ingest =
          ServiceProcess.start(root, "ingest-service", ingestPort, ingestConfig, logs);
      started.add(ingest);
      Map<String, String> scoringConfig =
          Map.of(
              "kafka.bootstrap.servers",
              brokers,
              "kafka-streams.state.dir",
              workDir.resolve("scoring-state").toString(),
              "dashboard.alert-service-url",
              "http://localhost:" + alertPort,
              PUBLIC_KEY,
              publicKey);
      ServiceProcess scoring =
          ServiceProcess.start(root, "scoring-service", scoringPort, scoringConfig, logs);
      started.add(scoring);
      Map<String, String> alertsConfig =
          Map.of(
              "kafka.bootstrap.servers",
              brokers,
              "kafka-streams.state.dir",
              workDir.resolve("alert-state").toString(),
              "alerts.webhook.allow-loopback",
              "true",
              // the dashboard, served by scoring, calls the alert service from the browser:
              // the variable alert-service's CORS origins are read from
              "ALERTS_CORS_ORIGINS",
              "http://localhost:" + scoringPort,
              PUBLIC_KEY,
              publicKey);
      ServiceProcess alerts =
          ServiceProcess.start(root, "alert-service", alertPort, alertsConfig, logs);
      started.add(alerts);

      awaitReady(ingest, "ingest-service", logs);
      awaitReady(scoring, "scoring-service", logs);
      awaitReady(alerts, "alert-service", logs);
      RunningSystem system =
          new RunningSystem(
              root,
              workDir,
              cluster,
              Map.of("ingest-service", ingest, "scoring-service", scoring, "alert-service", alerts),
              Map.of(
                  "ingest-service",
                  ingestConfig,
                  "scoring-service",
                  scoringConfig,
                  "alert-service",
                  alertsConfig),
              issuer);
      Http.useToken(system.token("e2e-admin", Access.ADMIN)); // tests call as an admin by default
      return system;
    } catch (IOException e) {
      stopQuietly(started);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      stopQuietly(started);
      throw e;
    } catch (InterruptedException e) {
      stopQuietly(started);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the system was starting", e);
    }
  }

  private static void awaitReady(ServiceProcess service, String name, Path logs)
      throws InterruptedException {
    try {
      service.awaitReady(READY_TIMEOUT);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          name + " is not ready: " + e.getMessage() + "\n--- end of its log:\n" + tail(logs, name),
          e);
    }
  }

  private static String tail(Path logs, String service) {
    try {
      List<String> lines = Files.readAllLines(logs.resolve(service + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void stopQuietly(List<AutoCloseable> started) {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        // stopping what did start; the first failure is the one to report
      }
    }
  }

  @Override
  public String ingestUrl(String path) {
    return ingest().url(path);
  }

  @Override
  public String scoringUrl(String path) {
    return scoring().url(path);
  }

  @Override
  public String alertsUrl(String path) {
    return alerts().url(path);
  }

  public ServiceProcess ingest() {
    return processes.get("ingest-service");
  }

  public ServiceProcess scoring() {
    return processes.get("scoring-service");
  }

  public ServiceProcess alerts() {
    return processes.get("alert-service");
  }

  /** Stops the alert service as Ctrl-C would, for tests of what others do without it. */
  public void stopAlerts() throws InterruptedException {
    alerts().close();
  }

  /** Starts the alert service again and waits until it is ready (see {@link #start(String)}). */
  public void startAlerts() throws IOException, InterruptedException {
    start("alert-service");
  }

  /**
   * Kills the broker with SIGKILL, as a crash would, and starts it again on the same ports with the
   * same data, as its supervisor would (the services keep running, and must find it again by
   * themselves).
   */
  public synchronized void restartBroker() throws IOException, InterruptedException {
    if (cluster.size() != 1) {
      throw new IllegalStateException("this system runs on a cluster: see cluster()");
    }
    cluster.kill(1);
    cluster.start(1);
  }

  /** The Kafka broker or cluster: its nodes can be stopped, killed and started again. */
  public KafkaNodes cluster() {
    return cluster;
  }

  /** Stops {@code service} as Ctrl-C or a supervisor's stop would (SIGTERM) and waits for it. */
  public void stop(String service) throws InterruptedException {
    processes.get(service).close();
  }

  /** Kills {@code service} (ingest-service, scoring-service, alert-service) with SIGKILL. */
  public void kill(String service) throws InterruptedException {
    processes.get(service).kill();
  }

  /**
   * Starts {@code service} again, on its port, with its configuration and state, and waits until it
   * is ready; its log goes to {@code logs/<service>-<n>/}. Nothing happens when it runs.
   */
  public synchronized void start(String service) throws IOException, InterruptedException {
    ServiceProcess running = processes.get(service);
    if (running.isAlive()) {
      return;
    }
    Path logs =
        workDir.resolve("logs/" + service + "-" + starts.merge(service, 2, (a, b) -> a + 1));
    ServiceProcess started =
        ServiceProcess.start(root, service, running.port(), configs.get(service), logs);
    processes.put(service, started);
    awaitReady(started, service, logs);
  }

  /** The configuration {@code service} was started with (system properties). */
  public Map<String, String> configOf(String service) {
    return configs.get(service);
  }

  /** A token of this run's issuer for {@code subject} with {@code roles} (an hour). */
  public String token(String subject, String... roles) {
    return issuer.token(subject, List.of(roles), List.of(), java.time.Duration.ofHours(1));
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** This run's folder: broker data, service state, logs; tests may keep their files here too. */
  public Path workDir() {
    return workDir;
  }

  /** Stops the services, then the broker. */
  @Override
  public void close() {
    stopQuietly(List.of(cluster, ingest(), scoring(), alerts()));
  }
}
