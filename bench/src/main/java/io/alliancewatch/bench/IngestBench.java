package io.alliancewatch.bench;

import io.alliancewatch.kafka.ServiceProcess;
import io.alliancewatch.kafka.StandaloneKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Ingest throughput in one run on one broker: events/s through {@code POST /api/indicators} as
 * 1,000-event JSON batches and as NDJSON bulk, against Kafka's own producer perf test with the same
 * record size (acks=all). Usage: {@code bench/ingest.sh [events] [concurrency]}.
 */
public final class IngestBench {

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path root = Path.of(System.getProperty("alliancewatch.root", ".")).toAbsolutePath();
    Path data = root.resolve("bench/target/kafka-" + UUID.randomUUID());
    int kafkaPort = StandaloneKafka.freePort();
    int httpPort = StandaloneKafka.freePort();

    try (StandaloneKafka kafka =
            StandaloneKafka.start(data, kafkaPort, StandaloneKafka.freePort());
        ServiceProcess ingest =
            ServiceProcess.start(
                root,
                "ingest-service",
                httpPort,
                Map.of(
                    "kafka.bootstrap.servers",
                    kafka.bootstrapServers(),
                    "quarkus.log.level",
                    "WARN"),
                root.resolve("bench/target"))) {
      ingest.awaitReady(Duration.ofMinutes(2));
      List<String> lines = events(events);
      int recordSize = lines.get(0).getBytes(StandardCharsets.UTF_8).length + 60;
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      // warm-up: the JIT and the producer's connections
      postJsonBatches(
          client, ingest, lines.subList(0, Math.min(20_000, lines.size())), concurrency);

      double json = postJsonBatches(client, ingest, lines, concurrency);
      double ndjson = postNdjson(client, ingest, events(events), concurrency);
      double producer = producerPerfTest(kafka.bootstrapServers(), events, recordSize);

      System.out.printf(
          "%nIngest benchmark: %,d events, record ~%d bytes, %d client threads%n",
          events, recordSize, concurrency);
      System.out.printf("  kafka-producer-perf-test (acks=all)  %,10.0f records/s%n", producer);
      System.out.printf(
          "  POST JSON batches of 1,000            %,10.0f events/s  (%.0f %% of producer)%n",
          json, 100 * json / producer);
      System.out.printf(
          "  POST NDJSON bulk (%d bodies)           %,10.0f events/s  (%.0f %% of producer)%n",
          concurrency, ndjson, 100 * ndjson / producer);
    }
  }

  static List<String> events(int count) {
    List<String> lines = new ArrayList<>(count);
    String occurredAt = Instant.now().minus(Duration.ofDays(1)).toString();
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < count; i++) {
      lines.add(
          "{\"id\":\"bench-"
              + run
              + "-"
              + i
              + "\",\"source\":\"bench\",\"type\":\"POLITICAL_TENSION\","
              + "\"allianceId\":\"NATO\",\"country\":\"DEU\",\"counterpart\":\"FRA\",\"severity\":0.5,"
              + "\"confidence\":0.8,\"occurredAt\":\""
              + occurredAt
              + "\","
              + "\"summary\":\"CAMEO 112: GERMANY -> FRANCE\",\"url\":\"https://example.org/story/"
              + i
              + "\"}");
    }
    return lines;
  }

  static double postJsonBatches(
      HttpClient client, ServiceProcess ingest, List<String> lines, int concurrency)
      throws Exception {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += 1000) {
      bodies.add("[" + String.join(",", lines.subList(i, Math.min(lines.size(), i + 1000))) + "]");
    }
    return timed(
        lines.size(),
        bodies,
        concurrency,
        body -> post(client, ingest, "application/json", body, 202));
  }

  static double postNdjson(
      HttpClient client, ServiceProcess ingest, List<String> lines, int concurrency)
      throws Exception {
    List<String> bodies = new ArrayList<>();
    int per = (lines.size() + concurrency - 1) / concurrency;
    for (int i = 0; i < lines.size(); i += per) {
      bodies.add(String.join("\n", lines.subList(i, Math.min(lines.size(), i + per))) + "\n");
    }
    return timed(
        lines.size(),
        bodies,
        concurrency,
        body -> post(client, ingest, "application/x-ndjson", body, 200));
  }

  interface Call {
    void run(String body) throws Exception;
  }

  static double timed(int events, List<String> bodies, int concurrency, Call call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (String body : bodies) {
        done.add(
            pool.submit(
                () -> {
                  call.run(body);
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      return events / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdown();
    }
  }

  static void post(HttpClient client, ServiceProcess ingest, String type, String body, int expected)
      throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(ingest.url("/api/indicators")))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(response.statusCode() + ": " + response.body());
    }
  }

  /** Kafka's own producer perf test, same broker, same record size, acks=all. */
  static double producerPerfTest(String bootstrap, int records, int recordSize) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ProducerPerformance.main(
          new String[] {
            "--topic",
            "bench.producer-perf",
            "--num-records",
            Integer.toString(records),
            "--record-size",
            Integer.toString(recordSize),
            "--throughput",
            "-1",
            "--producer-props",
            "bootstrap.servers=" + bootstrap,
            "acks=all",
            "enable.idempotence=true",
            "linger.ms=5",
            "compression.type=lz4"
          });
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    Matcher matcher = Pattern.compile("([0-9.]+) records/sec").matcher(output);
    double last = Double.NaN;
    while (matcher.find()) {
      last = Double.parseDouble(matcher.group(1));
    }
    System.out.println(output.lines().reduce((a, b) -> b).orElse(""));
    return last;
  }
}
