package io.alliancewatch.scoring.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Another instance of the service in its own JVM, from the packaged application (failsafe runs
 * after {@code package}): what a second pod would be. Started by the project's shared {@link
 * io.alliancewatch.kafka.ServiceProcess}, with the settings this module's tests need.
 */
final class ServiceProcess implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final io.alliancewatch.kafka.ServiceProcess process;

  private ServiceProcess(io.alliancewatch.kafka.ServiceProcess process) {
    this.process = process;
  }

  /** Starts an instance with these extra settings and waits until it is ready. */
  static ServiceProcess start(String name, Map<String, String> settings)
      throws IOException, InterruptedException {
    Map<String, String> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", Broker.bootstrapServers());
    config.put(
        "mp.jwt.verify.publickey.location",
        io.alliancewatch.issuer.testing.TestTokens.issuer().publicKey().toString());
    config.put(
        "kafka-streams.state.dir",
        Path.of("target", name + "-state-" + UUID.randomUUID()).toAbsolutePath().toString());
    // a dead instance leaves its group after 6 s rather than 45 s, so its partitions come back soon
    config.put("kafka-streams.session.timeout.ms", "6000");
    config.putAll(settings);
    io.alliancewatch.kafka.ServiceProcess process =
        io.alliancewatch.kafka.ServiceProcess.start(
            Path.of("..").toAbsolutePath().normalize(),
            "scoring-service",
            io.alliancewatch.kafka.StandaloneKafka.freePort(),
            config,
            Path.of("target", name).toAbsolutePath());
    try {
      process.awaitReady(Duration.ofSeconds(180));
    } catch (IllegalStateException e) {
      process.close();
      throw new IllegalStateException(name + ": " + e.getMessage() + "; see target/" + name, e);
    }
    return new ServiceProcess(process);
  }

  int port() {
    return process.port();
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(process.url(path)))
            .header("Authorization", Viewer.authorization())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
