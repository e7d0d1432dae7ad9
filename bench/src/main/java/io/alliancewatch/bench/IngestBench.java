package io.alliancewatch.bench;

import io.alliancewatch.issuer.LocalIssuer;
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
import org.HdrHistogram.Histogram;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Ingest throughput in one run on one broker: events/s through {@code POST /api/indicators} as
 * 1,000-event JSON batches and as NDJSON bulk, against Kafka's own producer perf test with the same
 * record size (acks=all). Usage: {@code bench/ingest.sh [events] [concurrency]}.
 */
public final class IngestBench {

  /** The feeder's token every request carries (security.md); null for none. */
  private static String token;

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path root = Path.of(System.getProperty("alliancewatch.root", ".")).toAbsolutePath();
    // another checkout's build of ingest-service (e.g. the commit before access control), measured
    // in the same run on the same broker: what a change costs
    String baselineRoot = System.getProperty("bench.baseline.root");
    Path data = root.resolve("bench/target/kafka-" + UUID.randomUUID());
    LocalIssuer issuer = LocalIssuer.in(root.resolve("bench/target/keys"));
    token = issuer.token("bench-feeder", List.of("feeder"), List.of("bench"), Duration.ofHours(2));

    try (StandaloneKafka kafka =
            StandaloneKafka.start(data, StandaloneKafka.freePort(), StandaloneKafka.freePort());
        ServiceProcess ingest = start(root, kafka, issuer, "bench/target");
        ServiceProcess baseline =
            baselineRoot == null
                ? null
                : start(
                    Path.of(baselineRoot).toAbsolutePath(),
                    kafka,
                    issuer,
                    "bench/target/baseline")) {
      ingest.awaitReady(Duration.ofMinutes(2));
      if (baseline != null) {
        baseline.awaitReady(Duration.ofMinutes(2));
      }
      List<String> lines = events(events);
      int recordSize = lines.get(0).getBytes(StandardCharsets.UTF_8).length + 60;
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      // warm-up: the JIT and the producer's connections, of each
      List<ServiceProcess> measured =
          baseline == null ? List.of(ingest) : List.of(ingest, baseline);
      for (ServiceProcess service : measured) {
        postJsonBatches(
            client, service, lines.subList(0, Math.min(20_000, lines.size())), concurrency);
        latency(client, service, 1_000);
      }

      // A B B A: what drifts over the run (the broker's log, the JIT, the machine) falls on both
      Figures current = measure(client, ingest, events, concurrency);
      Figures before = null;
      if (baseline != null) {
        before = measure(client, baseline, events, concurrency);
        before = Figures.mean(before, measure(client, baseline, events, concurrency));
        current = Figures.mean(current, measure(client, ingest, events, concurrency));
      }
      double producer = producerPerfTest(kafka.bootstrapServers(), events, recordSize);

      System.out.printf(
          "%nIngest benchmark: %,d events, record ~%d bytes, %d client threads%n",
          events, recordSize, concurrency);
      System.out.printf("  kafka-producer-perf-test (acks=all)  %,10.0f records/s%n", producer);
      print("this build (bearer token verified)", current, producer);
      if (before != null) {
        print("baseline " + baselineRoot, before, producer);
        System.out.printf(
            "  cost: JSON %+.1f %%, NDJSON %+.1f %% throughput; single-event p50 %+.2f ms, p99 %+.2f ms%n",
            100 * (current.json() / before.json() - 1),
            100 * (current.ndjson() / before.ndjson() - 1),
            current.p50Millis() - before.p50Millis(),
            current.p99Millis() - before.p99Millis());
      }
    }
  }

  /** What one run measures of one service. */
  record Figures(double json, double ndjson, double p50Millis, double p99Millis) {
    static Figures mean(Figures a, Figures b) {
      return new Figures(
          (a.json + b.json) / 2,
          (a.ndjson + b.ndjson) / 2,
          (a.p50Millis + b.p50Millis) / 2,
          (a.p99Millis + b.p99Millis) / 2);
    }
  }

  static Figures measure(HttpClient client, ServiceProcess service, int events, int concurrency)
      throws Exception {
    double json = postJsonBatches(client, service, events(events), concurrency);
    double ndjson = postNdjson(client, service, events(events), concurrency);
    Histogram micros = latency(client, service, 5_000);
    return new Figures(
        json,
        ndjson,
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0);
  }

  static void print(String what, Figures figures, double producer) {
    System.out.println("  " + what + ":");
    System.out.printf(
        "    POST JSON batches of 1,000          %,10.0f events/s  (%.0f %% of producer)%n",
        figures.json(), 100 * figures.json() / producer);
    System.out.printf(
        "    POST NDJSON bulk                    %,10.0f events/s  (%.0f %% of producer)%n",
        figures.ndjson(), 100 * figures.ndjson() / producer);
    System.out.printf(
        "    POST one event, one at a time       p50 %.2f ms, p99 %.2f ms (to Kafka's ack)%n",
        figures.p50Millis(), figures.p99Millis());
  }

  /** {@code count} single-event POSTs one after another: each answered after Kafka's ack. */
  static Histogram latency(HttpClient client, ServiceProcess service, int count) throws Exception {
    Histogram micros = new Histogram(60_000_000L, 3);
    for (String line : events(count)) {
      long start = System.nanoTime();
      post(client, service, "application/json", line, 202);
      micros.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
    }
    return micros;
  }

  static ServiceProcess start(Path root, StandaloneKafka kafka, LocalIssuer issuer, String logs)
      throws java.io.IOException {
    return ServiceProcess.start(
        root,
        "ingest-service",
        StandaloneKafka.freePort(),
        Map.of(
            "kafka.bootstrap.servers",
            kafka.bootstrapServers(),
            "mp.jwt.verify.publickey.location",
            issuer.publicKey().toString(),
            "quarkus.log.level",
            "WARN"),
        Path.of(System.getProperty("alliancewatch.root", ".")).toAbsolutePath().resolve(logs));
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
                .header("Authorization", "Bearer " + token)
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
