package io.alliancewatch.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka's image under Testcontainers, the choice where a Docker engine is running. */
public final class ContainerKafka implements KafkaForTests {

  /** The same image and version as docker-compose.yml and the clients. */
  public static final String IMAGE = "apache/kafka:4.1.2";

  private final KafkaContainer container;

  private ContainerKafka(KafkaContainer container) {
    this.container = container;
  }

  /** Whether a Docker engine answers here (a socket, and Testcontainers can talk to it). */
  public static boolean dockerAvailable() {
    boolean socket =
        Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("DOCKER_HOST") != null;
    if (!socket) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  public static ContainerKafka start() {
    KafkaContainer container = new KafkaContainer(IMAGE);
    container.start();
    return new ContainerKafka(container);
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public void close() {
    container.stop();
  }
}
