package io.alliancewatch.e2e.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.kafka.StandaloneKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * docker-compose.yml run for real, under its own project name, on the images deploy/build-images
 * made (deploy/local.env), with every published port moved to a free one so that it runs beside a
 * local run. What a user does with {@code docker-compose}, {@code docker kill} and {@code docker
 * start}, as commands.
 */
public final class ComposeStack implements Deployment, AutoCloseable {

  /** Everything in docker-compose.yml but Grafana, which no registry here serves. */
  public static final List<String> SERVICES =
      List.of(
          "kafka-1",
          "kafka-2",
          "kafka-3",
          "acl-init",
          "topic-init",
          "ingest-service",
          "scoring-service",
          "alert-service",
          "prometheus");

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

  private final Path root;
  private final String project;
  private final Map<String, String> environment;
  private final Map<String, Integer> ports;

  private ComposeStack(
      Path root, String project, Map<String, String> environment, Map<String, Integer> ports) {
    this.root = root;
    this.project = project;
    this.environment = environment;
    this.ports = ports;
  }

  /**
   * {@code docker-compose up -d} of {@link #SERVICES} (it returns once the brokers are healthy and
   * the one-shot containers have finished). {@code keys} holds public.pem and prometheus.token;
   * {@code extra} adds to the environment the compose file reads.
   */
  public static ComposeStack up(Path root, String project, Path keys, Map<String, String> extra) {
    Path localEnv = root.resolve("deploy/local.env");
    assertThat(localEnv)
        .as("deploy/local.env: deploy/build-images builds the images and writes it")
        .exists();
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String variable :
        List.of(
            "INGEST_PORT",
            "SCORING_PORT",
            "ALERT_PORT",
            "PROMETHEUS_PORT",
            "KAFKA_1_PORT",
            "KAFKA_2_PORT",
            "KAFKA_3_PORT")) {
      ports.put(variable, StandaloneKafka.freePort());
    }
    Map<String, String> environment = new LinkedHashMap<>(extra);
    ports.forEach((variable, port) -> environment.put(variable, String.valueOf(port)));
    environment.put("KEYS_DIR", keys.toAbsolutePath().toString());
    ComposeStack stack = new ComposeStack(root, project, environment, ports);
    List<String> up = new ArrayList<>(List.of("up", "-d"));
    up.addAll(SERVICES);
    try {
      stack.compose(up.toArray(String[]::new));
    } catch (RuntimeException failed) {
      stack.close();
      throw failed;
    }
    return stack;
  }

  /** The port this machine reaches the published port of {@code variable} (INGEST_PORT, ...) on. */
  public int port(String variable) {
    return ports.get(variable);
  }

  @Override
  public String ingestUrl(String path) {
    return "http://127.0.0.1:" + port("INGEST_PORT") + path;
  }

  @Override
  public String scoringUrl(String path) {
    return "http://127.0.0.1:" + port("SCORING_PORT") + path;
  }

  @Override
  public String alertsUrl(String path) {
    return "http://127.0.0.1:" + port("ALERT_PORT") + path;
  }

  public String prometheusUrl(String path) {
    return "http://127.0.0.1:" + port("PROMETHEUS_PORT") + path;
  }

  /** The id of the container of {@code service}. */
  public String container(String service) {
    String id = compose("ps", "-q", service).strip();
    assertThat(id).as("container of %s", service).isNotEmpty();
    return id;
  }

  /** Docker's health status of {@code service}'s container (healthy, starting, unhealthy). */
  public String health(String service) {
    return docker("inspect", "--format", "{{.State.Health.Status}}", container(service)).strip();
  }

  /** {@code docker kill}: SIGKILL to the container's process, as a crash. */
  public void kill(String service) {
    docker("kill", container(service));
  }

  /** {@code docker start} of a stopped or killed container. */
  public void start(String service) {
    docker("start", container(service));
  }

  /**
   * An admin client of the brokers, from this machine through their published ports, logged in as
   * compose's admin (SCRAM-SHA-512, the laptop default password).
   */
  public Admin admin() {
    Properties config = new Properties();
    config.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        "localhost:"
            + port("KAFKA_1_PORT")
            + ",localhost:"
            + port("KAFKA_2_PORT")
            + ",localhost:"
            + port("KAFKA_3_PORT"));
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
    config.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\""
            + " password=\"admin-secret\";");
    return Admin.create(config);
  }

  /** The gateway of Docker's default bridge: this machine, as host.docker.internal names it. */
  public static String bridgeGateway() {
    return run(
            List.of(
                "docker",
                "network",
                "inspect",
                "bridge",
                "--format",
                "{{(index .IPAM.Config 0).Gateway}}"),
            Map.of(),
            Path.of("."))
        .strip();
  }

  /** The logs of {@code service}, for a failure's report. */
  public String logs(String service) {
    return compose("logs", "--no-color", "--tail", "200", service);
  }

  /** {@code docker-compose down -v}: containers, network and volumes gone. */
  @Override
  public void close() {
    compose("down", "-v", "--remove-orphans");
  }

  private String compose(String... arguments) {
    List<String> command =
        new ArrayList<>(List.of("docker-compose", "--env-file", "deploy/local.env", "-p", project));
    command.addAll(List.of(arguments));
    return run(command, environment, root);
  }

  private String docker(String... arguments) {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(arguments));
    return run(command, Map.of(), root);
  }

  private static String run(List<String> command, Map<String, String> environment, Path dir) {
    try {
      Path output = Files.createTempFile("compose", ".out");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean ended = process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
          process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        if (!ended || process.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", command)
                  + (ended ? " exited with " + process.exitValue() : " did not end")
                  + ":\n"
                  + printed);
        }
        return printed;
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
