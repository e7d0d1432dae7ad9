package io.alliancewatch.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.alliancewatch.contracts.security.Access;
import io.alliancewatch.e2e.system.Http;
import io.alliancewatch.e2e.system.RunningSystem;
import io.alliancewatch.kafka.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole pipeline as users run it (one broker, the three services as processes with the heap
 * {@code ./run} gives them), measured from outside; prints figures, asserts nothing. Run with
 * {@code bench/pipeline.sh [backlog] [seconds] [alliances] [eventsPerAlliance]}.
 *
 * <ol>
 *   <li>Kafka's producer perf test (300 B, acks=all) and consumer perf test on the same broker;
 *   <li>a backlog of five alliances' events written straight to {@code alliance.indicators}: the
 *       events/s scoring counts them at (start of the writes to the last one counted), twice (a
 *       cold JVM, then warm);
 *   <li>latency at 1,000 and 5,000 events/s posted to ingest: every 250 ms a probe (five tensions
 *       for an alliance of its own) is posted, and timed to its score record on the SSE stream and
 *       to its signed "firing" webhook;
 *   <li>{@code alliances} alliances with {@code eventsPerAlliance} events each through ingest's
 *       NDJSON bulk endpoint;
 *   <li>each service's resident memory and heap after a full GC, after the backlog and at the end.
 * </ol>
 */
public final class PipelineBench {

  private static final List<String> MAIN = List.of("NATO", "AUKUS", "QUAD", "ANZUS", "CSTO");
  private static final Map<String, String> MEMBER =
      Map.of("NATO", "FRA", "AUKUS", "AUS", "QUAD", "IND", "ANZUS", "NZL", "CSTO", "ARM");
  private static final Duration LATE = Duration.ofSeconds(10);
  private static final int PROBES_PER_SECOND = 4;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final RunningSystem system;
  private final String token;
  private final String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
  private final AtomicLong ids = new AtomicLong();

  private PipelineBench(RunningSystem system) {
    this.system = system;
    this.token = system.token("bench-admin", Access.ADMIN);
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("soak")) {
      soak(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    int backlog = arg(args, 0, 200_000);
    int seconds = arg(args, 1, 30);
    int alliances = arg(args, 2, 200);
    int perAlliance = arg(args, 3, 2_000);
    onRunningSystem(bench -> bench.measure(backlog, seconds, alliances, perAlliance));
  }

  private interface Measurement {
    void run(PipelineBench bench) throws Exception;
  }

  /**
   * Starts the system (each service with its own heap, as ./run and the images give it, unless
   * -Dalliancewatch.service.heap says otherwise), measures, and stops it, also when interrupted: no
   * service outlives its broker.
   */
  private static void onRunningSystem(Measurement measurement) throws Exception {
    System.setProperty(
        "alliancewatch.service.heap", System.getProperty("alliancewatch.service.heap", "service"));
    RunningSystem system = RunningSystem.start();
    Thread stopper = new Thread(system::close, "bench-stop-system");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      measurement.run(new PipelineBench(system));
    } finally {
      Runtime.getRuntime().removeShutdownHook(stopper);
      system.close();
    }
    System.exit(0); // the SSE reader and the HTTP clients' threads
  }

  /** {@code soak [minutes=30] [rate=500] [subscriptions=100] [windowMinutes=5]}. */
  private static void soak(String[] args) throws Exception {
    int minutes = arg(args, 0, 30);
    int rate = arg(args, 1, 500);
    int subscriptions = arg(args, 2, 100);
    int window = arg(args, 3, 5);
    onRunningSystem(bench -> bench.soak(minutes, rate, subscriptions, window));
  }

  /**
   * A soak: {@code rate} events/s for {@code minutes}, with {@code subscriptions} subscribers (each
   * watching the five alliances' risk, with thresholds spread over 20..80, their webhooks answered
   * by a receiver here) besides the probes' one; per window of {@code window} minutes, the latency
   * of a probe a second (POST to score, POST to signed webhook) and each service's resident memory
   * as found. Flat is the goal: no figure should grow from window to window.
   */
  private void soak(int minutes, int rate, int subscriptions, int window) throws Exception {
    System.out.printf(
        "%s, %d cores: soak of %d min at %,d events/s with %d subscriptions, windows of %d min%n",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        minutes,
        rate,
        subscriptions,
        window);
    rss("after start");
    int windows = Math.max(1, minutes / window);
    int seconds = window * 60;
    List<String> probes = register("SOAK", windows * seconds); // a probe a second
    try (Probes probing = Probes.start(this, probes);
        Subscribers subscribers = Subscribers.start(this, subscriptions)) {
      for (int w = 0; w < windows; w++) {
        System.out.printf("%n== window %d of %d ==%n", w + 1, windows);
        latency(rate, seconds, probes.subList(w * seconds, (w + 1) * seconds), probing);
        System.out.printf(
            "subscribers' webhooks so far: %,d received%n", subscribers.received.get());
        rss("after window " + (w + 1));
      }
      histogram("alert-service", system.alerts());
    }
  }

  /** {@code count} subscriptions to the five alliances' risk, each with its own threshold. */
  private static final class Subscribers implements AutoCloseable {
    final AtomicLong received = new AtomicLong();
    private final HttpServer receiver;

    private Subscribers() throws IOException {
      receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      receiver.setExecutor(Executors.newFixedThreadPool(2));
      receiver.createContext(
          "/soak",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            received.incrementAndGet();
          });
    }

    static Subscribers start(PipelineBench bench, int count) throws Exception {
      Subscribers started = new Subscribers();
      started.receiver.start();
      for (int i = 0; i < count; i++) {
        ObjectNode subscription = Http.JSON.createObjectNode();
        subscription.put("name", "soak " + i);
        ArrayNode alliances = subscription.putArray("alliances");
        MAIN.forEach(alliances::add);
        subscription.put("metric", "risk");
        subscription.put("condition", "above");
        double threshold = 20 + (60.0 * i) / Math.max(1, count - 1);
        subscription.put("threshold", threshold);
        subscription.put("recoveryThreshold", threshold - 5);
        subscription
            .putObject("webhook")
            .put(
                "url",
                "http://127.0.0.1:" + started.receiver.getAddress().getPort() + "/soak/" + i);
        HttpResponse<String> created =
            bench.send(
                HttpRequest.newBuilder(URI.create(bench.system.alerts().url("/api/subscriptions")))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(subscription.toString())));
        if (created.statusCode() != 201) {
          throw new IllegalStateException("subscription refused: " + created.body());
        }
      }
      return started;
    }

    @Override
    public void close() {
      receiver.stop(0);
    }
  }

  /** The classes holding most of {@code service}'s live heap (a full GC first), the top 12. */
  private void histogram(String name, ServiceProcess service) throws Exception {
    Process histogram =
        new ProcessBuilder("jcmd", String.valueOf(service.pid()), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    List<String> lines =
        new String(histogram.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .toList();
    histogram.waitFor(60, TimeUnit.SECONDS);
    System.out.println("live heap of " + name + " by class (jcmd GC.class_histogram):");
    lines.stream().limit(15).forEach(l -> System.out.println("  " + l));
  }

  /**
   * Each service's resident memory as found, its heap in use as found, and its heap after a full
   * collection (what is live: the figure that must stay flat).
   */
  private void rss(String when) throws Exception {
    StringBuilder line = new StringBuilder("RSS " + when + ":");
    for (Map.Entry<String, ServiceProcess> service : services()) {
      long pid = service.getValue().pid();
      long asFound = residentKb(pid, "VmRSS:") / 1024;
      long used = heapBytes(service.getValue()) / (1024 * 1024);
      fullGc(pid);
      line.append(
          String.format(
              " %s %d MB (heap used %d MB, live after a full GC %d MB);",
              service.getKey(), asFound, used, heapBytes(service.getValue()) / (1024 * 1024)));
    }
    System.out.println(line);
  }

  private static int arg(String[] args, int index, int fallback) {
    return args.length > index && !args[index].isBlank()
        ? Integer.parseInt(args[index].strip())
        : fallback;
  }

  private void measure(int backlog, int seconds, int alliances, int perAlliance) throws Exception {
    String heap = System.getProperty("alliancewatch.service.heap");
    StringBuilder options = new StringBuilder();
    for (String service : List.of("ingest-service", "scoring-service", "alert-service")) {
      options
          .append(options.isEmpty() ? "" : "; ")
          .append(service)
          .append(' ')
          .append(String.join(" ", ServiceProcess.jvmOptions(system.root(), service)))
          .append(heap.equals("service") ? "" : " -Xmx" + heap);
    }
    System.out.printf(
        "%s, %d cores; %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(), options);
    memory("after start");

    if (backlog > 0) { // 0: skipped
      System.out.println("\n== Kafka's own perf tools, same broker ==");
      double producerRate = producerPerformance(backlog);
      double consumerRate = consumerPerformance(backlog);

      System.out.println("\n== Backlog: events written to alliance.indicators, scoring counts ==");
      double cold = backlog(backlog, "cold JVM");
      double warm = backlog(backlog, "JIT warm");
      System.out.printf(
          "scoring counted at %.1f %% (cold) and %.1f %% (warm) of the producer perf test's rate,"
              + " %.1f %% and %.1f %% of the consumer perf test's%n",
          100 * cold / producerRate,
          100 * warm / producerRate,
          100 * cold / consumerRate,
          100 * warm / consumerRate);
      memory("after the backlogs");
    }

    System.out.println("\n== Latency through the pipeline under load ==");
    int probesPerRate = seconds * PROBES_PER_SECOND;
    if (probesPerRate == 0) {
      return;
    }
    List<String> probes = register("PROBE", 2 * probesPerRate);
    try (Probes probing = Probes.start(this, probes)) {
      latency(1_000, seconds, probes.subList(0, probesPerRate), probing);
      latency(5_000, seconds, probes.subList(probesPerRate, 2 * probesPerRate), probing);
    }
    memory("after the load");

    if (alliances > 0) {
      System.out.printf(
          "%n== %d alliances with %,d events each through ingest (NDJSON) ==%n",
          alliances, perAlliance);
      manyAlliances(alliances, perAlliance);
      memory("after the alliances");
    }
  }

  // ---------------------------------------------------------------- Kafka's perf tools

  private double producerPerformance(int records) throws Exception {
    createTopic("bench.perf");
    String text =
        captured(
            () ->
                ProducerPerformance.main(
                    new String[] {
                      "--topic",
                      "bench.perf",
                      "--num-records",
                      String.valueOf(records),
                      "--record-size",
                      "300",
                      "--throughput",
                      "-1",
                      "--producer-props",
                      "bootstrap.servers=" + system.bootstrapServers(),
                      "acks=all"
                    }));
    String[] lines = text.strip().split("\n");
    Matcher rate = Pattern.compile("([0-9.]+) records/sec").matcher(lines[lines.length - 1]);
    double perSecond = rate.find() ? Double.parseDouble(rate.group(1)) : Double.NaN;
    System.out.printf("producer perf test (300 B, acks=all): %,.0f records/s%n", perSecond);
    return perSecond;
  }

  private double consumerPerformance(int records) throws Exception {
    String text =
        captured(
            () ->
                ConsumerPerformance.main(
                    new String[] {
                      "--bootstrap-server",
                      system.bootstrapServers(),
                      "--topic",
                      "bench.perf",
                      "--messages",
                      String.valueOf(records),
                      "--timeout",
                      "60000"
                    }));
    // header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec
    String[] lines = text.strip().split("\n");
    String[] cells = lines[lines.length - 1].split(",\\s*");
    double perSecond = cells.length > 5 ? Double.parseDouble(cells[5].trim()) : Double.NaN;
    System.out.printf("consumer perf test: %,.0f records/s%n", perSecond);
    return perSecond;
  }

  private interface Tool {
    void run() throws Exception;
  }

  /** What a Kafka tool prints, kept from this benchmark's own output. */
  private static String captured(Tool tool) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
    try {
      tool.run();
    } finally {
      System.setOut(out);
    }
    return text.toString(StandardCharsets.UTF_8);
  }

  private void createTopic(String name) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(name, 6, (short) 1))).all().get();
    }
  }

  // ---------------------------------------------------------------- backlog

  /** Writes {@code events} for the five alliances; the events/s scoring counted them at. */
  private double backlog(int events, String label) throws Exception {
    long before = counted(MAIN);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    long start = System.nanoTime();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      Random random = new Random(events);
      for (int i = 0; i < events; i++) {
        String alliance = MAIN.get(i % MAIN.size());
        ObjectNode event = event(alliance, random);
        event.put("ingestedAt", Instant.now().toString());
        producer.send(
            new ProducerRecord<>(
                "alliance.indicators", alliance, Http.JSON.writeValueAsBytes(event)));
      }
      producer.flush();
    }
    double written = (System.nanoTime() - start) / 1e9;
    long target = before + events;
    patiently(Duration.ofMillis(100)).until(() -> counted(MAIN) >= target);
    double elapsed = (System.nanoTime() - start) / 1e9;
    double rate = events / elapsed;
    System.out.printf(
        "%s: %,d events written in %.1f s, all counted after %.1f s: %,.0f events/s%n",
        label, events, written, elapsed, rate);
    return rate;
  }

  /** The events scoring has counted for {@code alliances}, by their records' eventCount. */
  private long counted(List<String> alliances) throws Exception {
    JsonNode all = get(system.scoring().url("/api/scores"));
    long total = 0;
    for (JsonNode record : all) {
      if (alliances.contains(record.path("allianceId").asText())) {
        total += record.path("eventCount").asLong();
      }
    }
    return total;
  }

  private ObjectNode event(String alliance, Random random) {
    ObjectNode event = Http.JSON.createObjectNode();
    event.put("id", "bench-" + run + "-" + ids.incrementAndGet());
    event.put("source", "analyst");
    event.put("type", random.nextBoolean() ? "JOINT_EXERCISE" : "CYBER_INCIDENT");
    event.put("allianceId", alliance);
    event.put("country", MEMBER.getOrDefault(alliance, "FRA"));
    event.put("severity", 0.05 + 0.2 * random.nextDouble());
    event.put("confidence", 0.8);
    event.put(
        "occurredAt", Instant.now().minusSeconds(60 + random.nextInt(30 * 86_400)).toString());
    return event;
  }

  // ---------------------------------------------------------------- latency

  /** The score stream and the webhooks, each probe alliance's first record and first firing. */
  private static final class Probes implements AutoCloseable {
    final Map<String, Long> scored = new ConcurrentHashMap<>();
    final Map<String, Long> notified = new ConcurrentHashMap<>();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicLong verifiedCount = new AtomicLong();
    private final HttpServer receiver;
    private final Thread stream;
    private volatile String secret;

    record Delivery(String body, Map<String, List<String>> headers) {}

    private Probes(PipelineBench bench) throws IOException {
      receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      receiver.setExecutor(Executors.newFixedThreadPool(4));
      receiver.createContext(
          "/hook",
          exchange -> {
            long at = System.nanoTime();
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            JsonNode notification = Http.JSON.readTree(body);
            if ("firing".equals(notification.path("status").asText())) {
              notified.putIfAbsent(notification.path("allianceId").asText(), at);
            }
            Delivery delivery = new Delivery(body, Map.copyOf(exchange.getRequestHeaders()));
            if (verify(delivery)) {
              verifiedCount.incrementAndGet();
            }
            deliveries.add(delivery);
          });
      stream = new Thread(() -> read(bench), "bench-score-stream");
      stream.setDaemon(true);
    }

    static Probes start(PipelineBench bench, List<String> probes) throws Exception {
      Probes started = new Probes(bench);
      started.receiver.start();
      started.subscribe(bench, probes);
      started.stream.start();
      return started;
    }

    private void subscribe(PipelineBench bench, List<String> probes) throws Exception {
      ArrayNode alliances = Http.JSON.createArrayNode();
      probes.forEach(alliances::add);
      ObjectNode subscription = Http.JSON.createObjectNode();
      subscription.put("name", "bench probes");
      subscription.set("alliances", alliances);
      subscription.put("metric", "cohesion");
      subscription.put("condition", "below");
      subscription.put("threshold", 70);
      subscription.put("recoveryThreshold", 75);
      subscription
          .putObject("webhook")
          .put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
      // refused (400) until alert-service's registry knows every probe alliance
      HttpResponse<String> created =
          Awaitility.await("alert-service takes the subscription")
              .atMost(Duration.ofMinutes(1))
              .pollInterval(Duration.ofMillis(200))
              .until(
                  () ->
                      bench.send(
                          HttpRequest.newBuilder(
                                  URI.create(bench.system.alerts().url("/api/subscriptions")))
                              .header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString(subscription.toString()))),
                  answer -> answer.statusCode() == 201);
      secret = Http.JSON.readTree(created.body()).path("webhook").path("secret").asText();
    }

    private void read(PipelineBench bench) {
      try {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(bench.system.scoring().url("/api/scores/stream")))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + bench.token)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofLines())
            .body()
            .filter(line -> line.startsWith("data:"))
            .forEach(
                line -> {
                  long at = System.nanoTime();
                  try {
                    JsonNode record = Http.JSON.readTree(line.substring(5));
                    if (record.path("eventCount").asLong() > 0) {
                      scored.putIfAbsent(record.path("allianceId").asText(), at);
                    }
                  } catch (IOException e) {
                    System.out.println("unreadable stream line: " + line);
                  }
                });
      } catch (IOException | InterruptedException e) {
        // closed
      }
    }

    /**
     * How many deliveries an independent Standard Webhooks verifier accepts. Each is verified as it
     * arrives: the verifier refuses a timestamp more than five minutes old, so a later check would
     * refuse what a long run received early.
     */
    long verified() {
      return verifiedCount.get();
    }

    private boolean verify(Delivery d) {
      try {
        new Webhook(secret).verify(d.body(), HttpHeaders.of(d.headers(), (name, value) -> true));
        return true;
      } catch (Exception e) {
        return false;
      }
    }

    @Override
    public void close() {
      receiver.stop(0);
      stream.interrupt();
    }
  }

  /**
   * {@code rate} events/s of background load posted to ingest (JSON arrays, one every 10 ms) for a
   * 10 s warm-up and then {@code seconds}, with a probe every 250 ms meanwhile.
   */
  private void latency(int rate, int seconds, List<String> probes, Probes probing)
      throws Exception {
    int perBatch = rate / 100;
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
    Random random = new Random(rate);
    load.scheduleAtFixedRate(
        () -> {
          ArrayNode batch = Http.JSON.createArrayNode();
          for (int i = 0; i < perBatch; i++) {
            batch.add(event(MAIN.get(random.nextInt(MAIN.size())), random));
          }
          HTTP.sendAsync(post("/api/indicators", batch.toString()), BodyHandlers.discarding())
              .whenComplete(
                  (answer, failure) -> {
                    if (failure == null && answer.statusCode() == 202) {
                      accepted.addAndGet(perBatch);
                    } else {
                      refused.addAndGet(perBatch);
                    }
                  });
        },
        0,
        10,
        TimeUnit.MILLISECONDS);
    // after 10 s at this load (the JIT compiles for it; not measured), a probe every 250 ms
    Map<String, Long> posted = new ConcurrentHashMap<>();
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    long warmUp = TimeUnit.SECONDS.toNanos(10);
    long period = TimeUnit.SECONDS.toNanos(seconds) / probes.size();
    ScheduledExecutorService probeClock = Executors.newSingleThreadScheduledExecutor();
    AtomicLong acceptedBefore = new AtomicLong();
    AtomicLong loadStart = new AtomicLong();
    probeClock.schedule(
        () -> {
          acceptedBefore.set(accepted.get());
          loadStart.set(System.nanoTime());
        },
        warmUp,
        TimeUnit.NANOSECONDS);
    List<Future<?>> probed = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      String probe = probes.get(i);
      probed.add(
          probeClock.schedule(
              () -> probe(probe, random, posted, acknowledged),
              warmUp + (i + 1) * period,
              TimeUnit.NANOSECONDS));
    }
    for (Future<?> one : probed) {
      one.get();
    }
    probeClock.shutdown();
    System.out.println("scoring's lag behind alliance.indicators as the probes end: " + lag());
    double loadSeconds = (System.nanoTime() - loadStart.get()) / 1e9;
    long loadAccepted = accepted.get() - acceptedBefore.get();
    // the load goes on while the last probes finish, up to LATE (those still missing are late)
    try {
      Awaitility.await()
          .atMost(LATE)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  probing.scored.keySet().containsAll(posted.keySet())
                      && probing.notified.keySet().containsAll(posted.keySet()));
    } catch (ConditionTimeoutException late) {
      // reported below as probes not seen within LATE
    }
    load.shutdownNow();
    load.awaitTermination(10, TimeUnit.SECONDS);

    System.out.printf(
        "%n-- %,d events/s asked: %,.0f events/s accepted by ingest while probing (%,d refused"
            + " or failed in all) --%n",
        rate, loadAccepted / loadSeconds, refused.get());
    report("POST -> 202 (in Kafka)", posted, acknowledged);
    report("POST -> score record on the SSE stream", posted, probing.scored);
    report("POST -> signed firing webhook received", posted, probing.notified);
    System.out.printf(
        "webhooks received so far: %d, of which a Standard Webhooks verifier accepts %d%n",
        probing.deliveries.size(), probing.verified());
  }

  /** The records of alliance.indicators scoring's consumer group has not committed yet. */
  private long lag() throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      var groups = admin.listConsumerGroups().all().get();
      long lag = 0;
      for (var group : groups) {
        if (!group.groupId().startsWith("alliance-watch-scoring")) {
          continue;
        }
        var committed =
            admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
        var request =
            new java.util.HashMap<
                org.apache.kafka.common.TopicPartition,
                org.apache.kafka.clients.admin.OffsetSpec>();
        committed.keySet().stream()
            .filter(tp -> tp.topic().equals("alliance.indicators"))
            .forEach(tp -> request.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
        var ends = admin.listOffsets(request).all().get();
        for (var end : ends.entrySet()) {
          lag += end.getValue().offset() - committed.get(end.getKey()).offset();
        }
      }
      return lag;
    }
  }

  /** Posts five tensions for {@code probe}'s alliance: its cohesion falls below 70 at once. */
  private void probe(
      String probe, Random random, Map<String, Long> posted, Map<String, Long> acknowledged) {
    ArrayNode tensions = Http.JSON.createArrayNode();
    for (int i = 0; i < 5; i++) {
      ObjectNode tension = event(probe, random);
      tension.put("type", "POLITICAL_TENSION");
      tension.put("country", "FRA");
      tension.put("severity", 1.0);
      tension.put("confidence", 1.0);
      tension.put("occurredAt", Instant.now().minusSeconds(60).toString());
      tensions.add(tension);
    }
    long at = System.nanoTime();
    try {
      HttpResponse<String> answer =
          HTTP.send(post("/api/indicators", tensions.toString()), BodyHandlers.ofString());
      if (answer.statusCode() != 202) {
        System.out.println("probe refused: " + answer.statusCode() + " " + answer.body());
        return;
      }
    } catch (IOException e) {
      System.out.println("probe failed: " + e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    posted.put(probe, at);
    acknowledged.put(probe, System.nanoTime());
  }

  private static void report(String what, Map<String, Long> posted, Map<String, Long> seen) {
    Histogram millis = new Histogram(3);
    int late = 0;
    for (Map.Entry<String, Long> probe : posted.entrySet()) {
      Long at = seen.get(probe.getKey());
      if (at == null || at - probe.getValue() > LATE.toNanos()) {
        late++;
      } else {
        millis.recordValue(Math.max(1, (at - probe.getValue()) / 1_000_000));
      }
    }
    System.out.printf(
        "%s: %d probes, p50 %d ms, p99 %d ms, max %d ms; %d not seen within %d s%n",
        what,
        posted.size(),
        millis.getValueAtPercentile(50),
        millis.getValueAtPercentile(99),
        millis.getMaxValue(),
        late,
        LATE.toSeconds());
  }

  // ---------------------------------------------------------------- many alliances

  private void manyAlliances(int alliances, int perAlliance) throws Exception {
    List<String> ids = register("MEM", alliances);
    long start = System.nanoTime();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    List<Future<Long>> sent = new ArrayList<>();
    for (String alliance : ids) {
      sent.add(
          senders.submit(
              () -> {
                Random random = new Random(alliance.hashCode());
                StringBuilder ndjson = new StringBuilder();
                for (int i = 0; i < perAlliance; i++) {
                  ObjectNode event = event(alliance, random);
                  event.put("country", "FRA");
                  ndjson.append(event).append('\n');
                }
                HttpResponse<String> answer =
                    HTTP.send(
                        HttpRequest.newBuilder(URI.create(system.ingest().url("/api/indicators")))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/x-ndjson")
                            .timeout(Duration.ofMinutes(5))
                            .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString()))
                            .build(),
                        BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                  throw new IllegalStateException("NDJSON refused: " + answer.body());
                }
                return Http.JSON.readTree(answer.body()).path("accepted").asLong();
              }));
    }
    long accepted = 0;
    for (Future<Long> one : sent) {
      accepted += one.get();
    }
    senders.shutdown();
    double posted = (System.nanoTime() - start) / 1e9;
    patiently(Duration.ofMillis(500)).until(() -> counted(ids) >= (long) alliances * perAlliance);
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%,d events posted (%,d accepted) in %.1f s, all counted after %.1f s (%,.0f events/s)%n",
        (long) alliances * perAlliance, accepted, posted, elapsed, accepted / elapsed);
  }

  /** Registers {@code count} alliances of two members; waits until scoring knows them all. */
  private List<String> register(String prefix, int count) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + "-" + run + "-" + i;
      HttpResponse<String> answer =
          send(
              HttpRequest.newBuilder(URI.create(system.ingest().url("/api/alliances/" + id)))
                  .header("Content-Type", "application/json")
                  .PUT(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\":\"bench\",\"members\":[\"FRA\",\"DEU\"],"
                              + "\"guidelinePctGdp\":null}")));
      if (answer.statusCode() / 100 != 2) {
        throw new IllegalStateException("registry refused " + id + ": " + answer.body());
      }
      ids.add(id);
    }
    patiently(Duration.ofMillis(200))
        .until(
            () -> {
              List<String> known = new ArrayList<>();
              get(system.scoring().url("/api/alliances"))
                  .forEach(a -> known.add(a.path("id").asText()));
              return known.containsAll(ids);
            });
    return ids;
  }

  /** Waits for scoring, polling every {@code poll}, for as long as a slow machine needs. */
  private static ConditionFactory patiently(Duration poll) {
    return Awaitility.await().atMost(Duration.ofMinutes(15)).pollInterval(poll);
  }

  // ---------------------------------------------------------------- memory

  /** The three services by their short names. */
  private List<Map.Entry<String, ServiceProcess>> services() {
    return List.of(
        Map.entry("ingest", system.ingest()),
        Map.entry("scoring", system.scoring()),
        Map.entry("alerts", system.alerts()));
  }

  /** A full collection in the process {@code pid} ({@code jcmd GC.run}), waited for. */
  private static void fullGc(long pid) throws IOException, InterruptedException {
    new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor(60, TimeUnit.SECONDS);
  }

  /** Each service's resident memory, and its heap after a full collection. */
  private void memory(String when) throws Exception {
    StringBuilder line = new StringBuilder("memory " + when + ":");
    for (Map.Entry<String, ServiceProcess> service : services()) {
      long pid = service.getValue().pid();
      long asFound = residentKb(pid, "VmRSS:");
      fullGc(pid);
      // G1 gives the heap it shrank back to the system in the background: wait until it has
      AtomicLong last = new AtomicLong(Long.MAX_VALUE);
      try {
        patiently(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(30))
            .until(() -> last.getAndSet(residentKb(pid, "VmRSS:")) - last.get() < 1024);
      } catch (ConditionTimeoutException stillFalling) {
        line.append(" (still falling after 30 s)");
      }
      line.append(
          String.format(
              " %s RSS %d MB as found, %d MB after a full GC (anonymous %d MB), heap after GC %d MB;",
              service.getKey(),
              asFound / 1024,
              residentKb(pid, "VmRSS:") / 1024,
              residentKb(pid, "RssAnon:") / 1024,
              heapBytes(service.getValue()) / (1024 * 1024)));
    }
    System.out.println(line);
    if (System.getProperty("alliancewatch.service.jvm-options", "")
        .contains("NativeMemoryTracking")) {
      for (Map.Entry<String, ServiceProcess> service :
          List.of(
              Map.entry("ingest", system.ingest()),
              Map.entry("scoring", system.scoring()),
              Map.entry("alerts", system.alerts()))) {
        Process nmt =
            new ProcessBuilder(
                    "jcmd", String.valueOf(service.getValue().pid()), "VM.native_memory", "summary")
                .redirectErrorStream(true)
                .start();
        String summary = new String(nmt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        nmt.waitFor(60, TimeUnit.SECONDS);
        System.out.println("native memory " + when + ", " + service.getKey() + ":");
        summary
            .lines()
            .filter(l -> l.contains("committed="))
            .filter(l -> l.startsWith("-") || l.startsWith("Total"))
            .forEach(l -> System.out.println("  " + l.strip()));
      }
    }
  }

  /** A figure of /proc/PID/status in kB: VmRSS (all resident), RssAnon (not backed by files). */
  private static long residentKb(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** {@code jvm_memory_used_bytes{area="heap"}} summed over the pools, from /q/metrics. */
  private long heapBytes(ServiceProcess service) throws Exception {
    HttpResponse<String> page =
        send(
            HttpRequest.newBuilder(URI.create(service.url("/q/metrics")))
                .header("Accept", "text/plain")
                .GET());
    double heap = 0;
    for (String line : page.body().split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        heap += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return (long) heap;
  }

  private HttpRequest post(String path, String json) {
    return HttpRequest.newBuilder(URI.create(system.ingest().url(path)))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> answer =
        send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          url + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return Http.JSON.readTree(answer.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
