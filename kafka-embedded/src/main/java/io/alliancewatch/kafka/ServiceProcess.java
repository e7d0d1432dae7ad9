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
    List<String> command = new ArrayList<>(List.of("java"));
    // the JVM options of the image and of ./run (heap, exit when out of memory)
    command.addAll(jvmOptions(root, service));
    // tests leave the heap room for busy machines; the benchmarks keep the service's own
    // (-Dalliancewatch.service.heap=service, or any -Xmx size to try another)
    String heap = System.getProperty("alliancewatch.service.heap", "1g");
    if (!heap.equals("service")) {
      command.add("-Xmx" + heap); // the last -Xmx wins
    }
    // extra JVM options for a measurement, e.g. -XX:NativeMemoryTracking=summary
    String jvmOptions = System.getProperty("alliancewatch.service.jvm-options", "").strip();
    if (!jvmOptions.isEmpty()) {
      command.addAll(List.of(jvmOptions.split("\\s+")));
    }
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

  /**
   * The JVM options a service runs with, from their one home: {@code
   * quarkus.jib.jvm-additional-arguments} in its {@code application.properties} (comma-separated),
   * which the image and {@code ./run} use too.
   */
  public static List<String> jvmOptions(Path root, String service) throws IOException {
    Path properties = root.resolve(service).resolve("src/main/resources/application.properties");
    String key = "quarkus.jib.jvm-additional-arguments=";
    return Files.readAllLines(properties).stream()
        .filter(line -> line.startsWith(key))
        .findFirst()
        .map(line -> List.of(line.substring(key.length()).strip().split(",")))
        .orElse(List.of());
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

  /** Waits until the process ends, and returns its exit status; empty when it still runs. */
  public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        ? java.util.OptionalInt.of(process.exitValue())
        : java.util.OptionalInt.empty();
  }

  /**
   * Kills the service as a crash would (SIGKILL: no shutdown hook runs) and waits for it to end.
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
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
