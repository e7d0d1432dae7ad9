package io.alliancewatch.kafka;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A built service (its Quarkus fast-jar) run as its own process, as users run it: for benchmarks
 * and end-to-end tests. Its output goes to {@code logDir/<service>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static ServiceProcess start(
      Path root, String service, int port, Map<String, String> config, Path logDir)
      throws IOException {
    Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: run ./mvnw package -DskipTests first");
    }
    // out of memory, a service exits (as in ./run and the images) instead of answering nothing
    List<String> command =
        new ArrayList<>(
            List.of(
                "java",
                // the benchmarks give what ./run gives (512m); tests leave room for busy machines
                "-Xmx" + System.getProperty("alliancewatch.service.heap", "1g"),
                "-XX:+ExitOnOutOfMemoryError"));
    command.add("-Dquarkus.http.port=" + port);
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    Path log = logDir.resolve(service + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("MALLOC_ARENA_MAX", "2"); // as ./run and the images
    Process process = builder.start();
    return new ServiceProcess(process, port);
  }

  public int port() {
    return port;
  }

  /** The operating system's id of the process, for reading its resident memory. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  public void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited; see its log");
      }
      try {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("not ready within " + timeout);
  }

  /** Stops the service as Ctrl-C would (SIGTERM) and waits for it to end. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
