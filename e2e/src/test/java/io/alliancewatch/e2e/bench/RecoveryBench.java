package io.alliancewatch.e2e.bench;

import io.alliancewatch.e2e.system.Http;
import io.alliancewatch.e2e.system.RunningSystem;
import io.alliancewatch.kafka.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * How long each service is gone after {@code kill -9}: the three services as {@code ./run} starts
 * them, on one broker; each killed {@code rounds} times (SIGKILL, no shutdown hook) and started
 * again at once, timed from the kill to its readiness check answering UP (for alert-service that is
 * its engine running and its deliveries consuming; for scoring its Kafka Streams running). Then the
 * broker (its own process) is killed with SIGKILL and started again under the running services,
 * timed to the first write ingest takes again. Prints the median and the maximum; asserts nothing.
 * Run with {@code bench/recovery.sh [rounds]}.
 */
public final class RecoveryBench {

  private static final List<String> SERVICES =
      List.of("ingest-service", "scoring-service", "alert-service");

  private static final Pattern RUNNING = Pattern.compile("\"state\"\\s*:\\s*\"RUNNING\"");

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private RecoveryBench() {}

  /** One tension for NATO, new each time (a write through ingest to the broker). */
  private static String probe(int round) {
    return "{\"id\":\"recovery-"
        + java.util.UUID.randomUUID()
        + "\",\"source\":\"analyst\",\"type\":\"POLITICAL_TENSION\",\"allianceId\":\"NATO\","
        + "\"country\":\"FRA\",\"severity\":0.1,\"confidence\":0.5,\"occurredAt\":\""
        + Instant.now().minusSeconds(60)
        + "\"}";
  }

  private static void print(String what, List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    System.out.printf(
        "%s: median %,d ms, max %,d ms (each: %s)%n",
        what, sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis);
  }

  /**
   * The liveness answer (Quarkus' Kafka Streams check gives the state), or "" while it has none.
   */
  private static String live(ServiceProcess service) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(service.url("/q/health/live"))).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].strip()) : 5;
    System.setProperty(
        "alliancewatch.service.heap", System.getProperty("alliancewatch.service.heap", "service"));
    try (RunningSystem system = RunningSystem.start()) {
      System.out.printf(
          "%s, %d cores, %d rounds per service%n",
          Instant.now(), Runtime.getRuntime().availableProcessors(), rounds);
      for (String service : SERVICES) {
        List<Long> ready = new ArrayList<>();
        List<Long> running = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          system.kill(service);
          long killed = System.nanoTime();
          system.start(service);
          ready.add((System.nanoTime() - killed) / 1_000_000);
          if (service.equals("scoring-service")) {
            // the Kafka Streams state in the liveness answer too (before StreamsReadiness, scoring
            // was ready as soon as its topics existed, 40 s before its tasks were back)
            Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> RUNNING.matcher(live(system.scoring())).find());
            running.add((System.nanoTime() - killed) / 1_000_000);
          }
        }
        print(service + ": kill -9 to ready", ready);
        if (!running.isEmpty()) {
          print(service + ": kill -9 to Kafka Streams RUNNING", running);
        }
      }
      // the broker killed and started again under the running services: how long a write is
      // refused (ingest answers 503 while it has no broker), timed from the kill
      List<Long> stalled = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        long stopped = System.nanoTime();
        system.restartBroker();
        long restarted = System.nanoTime();
        String event = probe(round);
        Awaitility.await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> Http.postJson(system.ingest().url("/api/indicators"), event).status() == 202);
        stalled.add((System.nanoTime() - stopped) / 1_000_000);
        System.out.printf(
            "  broker round %d: kill and start took %,d ms%n",
            round + 1, (restarted - stopped) / 1_000_000);
      }
      print("broker killed and restarted: writes refused from the kill to the first 202", stalled);
    }
    System.exit(0); // the broker's and clients' non-daemon threads
  }
}
