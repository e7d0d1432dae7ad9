package io.alliancewatch.scoring.bench;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.JsonSerde;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.TopicSpec;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.kafka.EmbeddedKafkaCluster;
import io.alliancewatch.scoring.model.AllianceState;
import io.alliancewatch.scoring.model.InMemoryEventLedger;
import io.alliancewatch.scoring.model.ModelConfig;
import io.alliancewatch.scoring.model.ScoringModel;
import io.alliancewatch.scoring.testdata.TestData;
import io.alliancewatch.scoring.topology.AllianceStates;
import io.alliancewatch.scoring.topology.ScoringMetrics;
import io.alliancewatch.scoring.topology.ScoringTopology;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.tools.ConsumerPerformance;

/**
 * Prints how fast scoring is; asserts nothing. Run with {@code scoring-service/bench.sh [events]
 * [latencySeconds] [bootstrapServers]}.
 *
 * <ol>
 *   <li>the model alone, in memory: events/s;
 *   <li>Kafka's own consumer perf test on the indicators: what merely reading them costs;
 *   <li>the topology, exactly-once, on a backlog of the same events: events/s scored;
 *   <li>freshness at 1,000 events/s: from the producer's send to the score record being visible to
 *       a read_committed reader, p50/p99 with HdrHistogram.
 * </ol>
 */
public final class ScoringBenchmark {

  private static final String[] ALLIANCES = {"NATO", "AUKUS", "QUAD", "ANZUS", "CSTO"};
  private static final IndicatorType[] TYPES = IndicatorType.values();

  /** The service's settings (application.properties); {@code -Dbench.*} tries others. */
  private static final String GUARANTEE =
      System.getProperty("bench.guarantee", StreamsConfig.EXACTLY_ONCE_V2);

  private static final int COMMIT_INTERVAL_MS = Integer.getInteger("bench.commit.interval.ms", 20);

  private static final boolean STAGES = Boolean.getBoolean("bench.stages");

  private static final int FRESHNESS_WARM_UP_SECONDS =
      Integer.getInteger("bench.freshness.warm-up.seconds", 60);

  private ScoringBenchmark() {}

  public static void main(String[] args) throws Exception {
    // Outside Quarkus nothing configures JBoss LogManager, so every logger (the broker's in this
    // JVM too) would format its TRACE lines: measured at about a tenth of the stream thread's CPU
    org.jboss.logmanager.LogContext.getLogContext()
        .getLogger("")
        .setLevel(java.util.logging.Level.WARNING);
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    EmbeddedKafkaCluster embedded = null;
    String bootstrap;
    if (args.length > 2) {
      bootstrap = args[2];
    } else {
      embedded = EmbeddedKafkaCluster.start(Files.createTempDirectory("scoring-bench-kafka"));
      bootstrap = embedded.bootstrapServers();
    }
    try {
      run(bootstrap, events, latencySeconds);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    System.exit(0);
  }

  private static void run(String bootstrap, int events, int latencySeconds) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String indicators = "bench.indicators." + run;
    String scores = "bench.scores." + run;
    String registry = "bench.registry." + run;
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicSpec.ensureExist(
          admin,
          List.of(
              new TopicSpec(indicators, 6, false),
              new TopicSpec(scores, 6, false),
              new TopicSpec(scores + ".warm-up", 6, false),
              new TopicSpec(registry, 1, true)),
          (short) -1);
    }
    List<IndicatorEvent> backlog = generate(events, 0, new Random(2026));

    modelAlone(backlog);

    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      for (Alliance alliance : TestData.alliances().values()) {
        producer.send(
            new ProducerRecord<>(
                registry,
                alliance.id(),
                Topics.REGISTRY.valueSerde().serializer().serialize(registry, alliance)));
      }
      long start = System.nanoTime();
      for (IndicatorEvent event : backlog) {
        producer.send(new ProducerRecord<>(indicators, event.allianceId(), json(event)));
      }
      producer.flush();
      report("produced the backlog", events, System.nanoTime() - start);
    }

    System.out.println(
        "\n== Kafka's consumer perf test (kafka-tools ConsumerPerformance) on the same topic ==");
    consumerPerformance(bootstrap, indicators, events); // warms the JIT for the client code
    double consumerRate = consumerPerformance(bootstrap, indicators, events);

    // A service runs for days: one pass over the backlog with another application id compiles
    // the hot code first, so the figures below are the steady state, not the JIT's first minute
    KafkaStreams warmUp =
        streams(
            bootstrap,
            run + "-warm-up",
            indicators,
            registry,
            scores + ".warm-up",
            Files.createTempDirectory("scoring-bench-warm-up"));
    AtomicLong warmedUp = new AtomicLong();
    Thread warmUpReader =
        reader(
            bootstrap,
            "read_committed",
            scores + ".warm-up",
            warmedUp,
            new Histogram(3),
            new long[] {Long.MAX_VALUE});
    long warmUpStart = System.nanoTime();
    warmUp.start();
    awaitCount(warmedUp, events, "the warm-up's score records");
    System.out.println("\n== Warm-up (the same topology and backlog, not counted) ==");
    report("scored the backlog in a cold JVM", events, System.nanoTime() - warmUpStart);
    warmUpReader.interrupt();
    warmUp.close(Duration.ofSeconds(30));

    Path stateDir = Files.createTempDirectory("scoring-bench-state");
    KafkaStreams streams = streams(bootstrap, run, indicators, registry, scores, stateDir);
    AtomicLong seen = new AtomicLong();
    Histogram latency = new Histogram(3); // auto-resizing: a slow machine's outliers are kept
    long[] measureFrom = {Long.MAX_VALUE};
    Thread reader = reader(bootstrap, "read_committed", scores, seen, latency, measureFrom);
    // -Dbench.stages=true: the same records as soon as they are in the log, before their
    // transaction commits (a second reader: it costs the machine what the first one does)
    Histogram written = new Histogram(3);
    Thread uncommittedReader =
        STAGES
            ? reader(bootstrap, "read_uncommitted", scores, new AtomicLong(), written, measureFrom)
            : null;
    long start = System.nanoTime();
    streams.start();
    awaitCount(seen, events, "the backlog's score records");
    long elapsed = System.nanoTime() - start;
    System.out.printf(
        "\n== Scoring throughput (%s, commit interval %d ms, %d stream thread(s)) ==%n",
        GUARANTEE, COMMIT_INTERVAL_MS, streams.metadataForLocalThreads().size());
    double scoringRate =
        report("scored the backlog (start to last record visible)", events, elapsed);
    System.out.printf(
        "scoring reads and scores at %.0f%% of the rate Kafka's consumer perf test reads%n",
        consumerRate > 0 ? 100.0 * scoringRate / consumerRate : Double.NaN);

    System.out.printf(
        "%n== Freshness at 1,000 events/s for %d s, after %d s at that rate not counted ==%n",
        latencySeconds, FRESHNESS_WARM_UP_SECONDS);
    // the JIT compiles the broker's and the topology's code for this load for about a minute
    // (measured: the compiler threads took 40 % of the CPU then, nothing after 60 s)
    long backlogSeen = seen.get();
    int warmUpSent =
        paced(
            bootstrap, indicators, FRESHNESS_WARM_UP_SECONDS, 20_000_000, new Random(8), () -> {});
    awaitCount(seen, backlogSeen + warmUpSent, "the warm-up's score records");
    long before = seen.get();
    measureFrom[0] = System.currentTimeMillis();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    Map<String, Long> threadsBefore = cpuByThreadGroup();
    Map<String, Long> senderThreads = new HashMap<>();
    long wallBefore = System.nanoTime();
    int sent =
        paced(
            bootstrap,
            indicators,
            latencySeconds,
            10_000_000,
            new Random(7),
            () ->
                cpuByThreadGroup().entrySet().stream()
                    .filter(e -> e.getKey().contains("bench-ingest"))
                    .forEach(e -> senderThreads.put(e.getKey(), e.getValue())));
    awaitCount(seen, before + sent, "the paced events' score records");
    long cpu = os.getProcessCpuTime() - cpuBefore;
    System.out.printf(
        "this JVM (broker, topology, sender and readers) used %.2f of %d cores meanwhile,"
            + " %.0f µs of CPU an event:%n",
        (double) cpu / (System.nanoTime() - wallBefore),
        Runtime.getRuntime().availableProcessors(),
        cpu / 1e3 / sent);
    Map<String, Long> threadsAfter = cpuByThreadGroup();
    threadsAfter.putAll(senderThreads); // ended with the sender's producer
    printCpuByThread(threadsBefore, threadsAfter, cpu, sent);
    System.out.printf(
        "score record emitted -> visible (read_committed), %d records: p50 %.1f ms, p99 %.1f ms,"
            + " p99.9 %.1f ms, max %.1f ms%n",
        latency.getTotalCount(),
        latency.getValueAtPercentile(50) / 1000.0,
        latency.getValueAtPercentile(99) / 1000.0,
        latency.getValueAtPercentile(99.9) / 1000.0,
        latency.getMaxValue() / 1000.0);
    if (uncommittedReader != null) {
      System.out.printf(
          "producer send -> score in the log, not yet committed (read_uncommitted): p50 %.1f ms,"
              + " p99 %.1f ms, max %.1f ms%n",
          written.getValueAtPercentile(50) / 1000.0,
          written.getValueAtPercentile(99) / 1000.0,
          written.getMaxValue() / 1000.0);
      uncommittedReader.interrupt();
    }

    // the throughput once more, now that the JIT has compiled the code for the steady load
    streams.pause();
    List<IndicatorEvent> again = generate(events, 40_000_000, new Random(2027));
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      for (IndicatorEvent event : again) {
        producer.send(new ProducerRecord<>(indicators, event.allianceId(), json(event)));
      }
      producer.flush();
    }
    long seenBeforeAgain = seen.get();
    Map<String, Long> threadsBeforeAgain = cpuByThreadGroup();
    long cpuBeforeAgain = os.getProcessCpuTime();
    double committingBefore = streamThreadCommitNanos(streams);
    long startAgain = System.nanoTime();
    streams.resume();
    awaitCount(seen, seenBeforeAgain + events, "the second backlog's score records");
    long elapsedAgain = System.nanoTime() - startAgain;
    long cpuAgain = os.getProcessCpuTime() - cpuBeforeAgain;
    double committing = streamThreadCommitNanos(streams) - committingBefore;
    System.out.printf(
        "%n== Scoring throughput with the JIT warm (a second backlog of %,d events) ==%n", events);
    double warmRate =
        report("scored the backlog (resume to last record visible)", events, elapsedAgain);
    System.out.printf(
        "this JVM used %.2f of %d cores meanwhile, %.0f µs of CPU an event:%n",
        (double) cpuAgain / elapsedAgain,
        Runtime.getRuntime().availableProcessors(),
        cpuAgain / 1e3 / events);
    printCpuByThread(threadsBeforeAgain, cpuByThreadGroup(), cpuAgain, events);
    System.out.printf(
        "each stream thread waited for its exactly-once commits (flush, offsets, commit) %.0f %%"
            + " of the time%n",
        100 * committing / elapsedAgain / streams.metadataForLocalThreads().size());
    System.out.printf(
        "scoring reads and scores at %.1f%% of the rate Kafka's consumer perf test reads%n",
        consumerRate > 0 ? 100.0 * warmRate / consumerRate : Double.NaN);

    stages(streams);
    reader.interrupt();
    streams.close(Duration.ofSeconds(30));
  }

  /** Each thread group's CPU between two samples, per event, largest first. */
  private static void printCpuByThread(
      Map<String, Long> before, Map<String, Long> after, long cpu, long events) {
    List<Map.Entry<String, Long>> byThread =
        after.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .toList();
    byThread.stream()
        .filter(e -> e.getValue() > cpu / 100)
        .forEach(
            e -> System.out.printf("  %6.0f µs  %s%n", e.getValue() / 1e3 / events, e.getKey()));
    System.out.printf(
        "  %6.0f µs  the rest: GC, JIT, RocksDB's native threads%n",
        (cpu - byThread.stream().mapToLong(Map.Entry::getValue).sum()) / 1e3 / events);
  }

  /**
   * The stream thread's producer's time in the commit's blocking calls so far: flushing the sends,
   * adding the offsets to the transaction, committing it.
   */
  private static double streamThreadCommitNanos(KafkaStreams streams) {
    List<String> blocking =
        List.of(
            "flush-time-ns-total", "txn-send-offsets-time-ns-total", "txn-commit-time-ns-total");
    return streams.metrics().values().stream()
        .filter(m -> blocking.contains(m.metricName().name()))
        .filter(m -> m.metricName().group().equals("producer-metrics"))
        .mapToDouble(m -> m.metricValue() instanceof Double d ? d : 0)
        .sum();
  }

  /** CPU time of the live threads, summed by name with ids and numbers taken out. */
  private static Map<String, Long> cpuByThreadGroup() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Long> byGroup = new HashMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        String group =
            info.getThreadName()
                .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "*")
                .replaceAll("scoring-bench-[0-9a-f]{8}", "scoring-bench")
                .replaceAll("\\d+", "N");
        byGroup.merge(group, nanos, Long::sum);
      }
    }
    return byGroup;
  }

  /** Kafka Streams' own timings of the run: where an event's time goes between send and visible. */
  private static void stages(KafkaStreams streams) {
    System.out.println("\n== Where the time goes (Kafka Streams' metrics over the whole run) ==");
    List<String> wanted =
        List.of(
            "commit-latency-avg",
            "commit-latency-max",
            "poll-latency-avg",
            "process-latency-avg",
            "punctuate-latency-avg",
            "record-e2e-latency-avg",
            "record-e2e-latency-max",
            "txn-commit-time-ns-total",
            "txn-send-offsets-time-ns-total",
            "txn-begin-time-ns-total",
            "flush-time-ns-total",
            "request-latency-avg",
            "fetch-latency-avg",
            "records-per-request-avg",
            "batch-size-avg");
    streams.metrics().values().stream()
        .filter(m -> wanted.contains(m.metricName().name()))
        .filter(m -> m.metricValue() instanceof Double d && !d.isNaN() && d != 0)
        .sorted(java.util.Comparator.comparing(m -> m.metricName().group() + m.metricName().name()))
        .forEach(
            m ->
                System.out.printf(
                    "%s %s %s = %.3f%n",
                    m.metricName().group(),
                    m.metricName().name(),
                    m.metricName().tags(),
                    (Double) m.metricValue()));
  }

  private static void modelAlone(List<IndicatorEvent> backlog) {
    ScoringModel model = new ScoringModel(ModelConfig.load("2026.1"));
    Map<String, Alliance> alliances = TestData.alliances();
    for (int round = 0; round < 3; round++) { // the last round counts; the others warm the JIT
      Map<String, AllianceState> states = new HashMap<>();
      InMemoryEventLedger ledger = new InMemoryEventLedger();
      long start = System.nanoTime();
      double sink = 0;
      for (IndicatorEvent event : backlog) {
        AllianceState state = states.computeIfAbsent(event.allianceId(), id -> model.newState());
        model.accept(event.allianceId(), state, event, ledger);
        sink +=
            model
                .evaluate(
                    event.allianceId(),
                    state,
                    alliances.get(event.allianceId()),
                    ScoringModel.emissionTime(state, event.ingestedAt()))
                .cohesion();
      }
      if (round == 2) {
        System.out.println(
            "== The model alone (plain Java, in memory; count + evaluate per event) ==");
        report("scored in memory", backlog.size(), System.nanoTime() - start);
        if (sink == 42) {
          System.out.println(); // keeps the JIT from dropping the work
        }
        perEventCosts(model, states.get("NATO"), alliances.get("NATO"), backlog.get(0));
      }
    }
  }

  /** What one event costs besides the model: the (de)serialisations the topology does. */
  private static void perEventCosts(
      ScoringModel model, AllianceState state, Alliance alliance, IndicatorEvent event) {
    byte[] stateBytes = AllianceStates.write(state);
    byte[] stateJson = new JsonSerde<>(AllianceState.class).serializer().serialize("bench", state);
    AllianceState core = state.withoutEvidence();
    IndicatorType busiest = state.candidateTypes().iterator().next();
    ScoreRecord score =
        model.evaluate("NATO", state, alliance, ScoringModel.emissionTime(state, Instant.now()));
    byte[] scoreBytes = Topics.SCORES.valueSerde().serializer().serialize("bench", score);
    byte[] eventBytes = json(event);
    System.out.printf(
        "a NATO state whole: %,d bytes (%,d as JSON); what an event rewrites: %,d bytes;"
            + " a score record: %,d bytes; an event: %,d bytes%n",
        stateBytes.length,
        stateJson.length,
        AllianceStates.write(core).length + AllianceStates.write(state.candidates(busiest)).length,
        scoreBytes.length,
        eventBytes.length);
    int n = 20_000;
    double sink = 0;
    for (int round = 0; round < 2; round++) { // the second round counts
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink += AllianceStates.write(state).length;
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink += AllianceStates.write(core).length;
        sink += AllianceStates.write(state.candidates(busiest)).length;
      }
      long t2 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink += Topics.SCORES.valueSerde().serializer().serialize("bench", score).length;
      }
      long t3 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        sink +=
            Topics.INDICATORS
                .valueSerde()
                .deserializer()
                .deserialize("bench", eventBytes)
                .occurredAt()
                .getNano();
      }
      long t4 = System.nanoTime();
      if (round == 1) {
        System.out.printf(
            "per event, µs: write a state whole %.1f, write what an event changed %.1f, write the"
                + " score record %.1f, read the event %.1f%n",
            (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, (t4 - t3) / 1e3 / n);
      }
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private static List<IndicatorEvent> generate(int count, int firstId, Random random) {
    Map<String, Alliance> alliances = TestData.alliances();
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    List<IndicatorEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String allianceId = ALLIANCES[random.nextInt(ALLIANCES.length)];
      List<String> members = alliances.get(allianceId).members();
      events.add(
          event(
              firstId + i,
              allianceId,
              members.get(random.nextInt(members.size())),
              base.plusSeconds(i * 60L),
              random));
    }
    return events;
  }

  private static IndicatorEvent event(
      int i, String allianceId, String country, Instant at, Random random) {
    IndicatorType type = TYPES[random.nextInt(TYPES.length)];
    boolean spending = type == IndicatorType.DEFENSE_SPENDING;
    return new IndicatorEvent(
        "bench-" + i,
        "bench",
        type,
        allianceId,
        country,
        null,
        spending ? null : random.nextDouble(),
        spending ? random.nextDouble() * 4 : null,
        random.nextDouble(),
        at,
        null,
        null,
        Instant.now());
  }

  private static byte[] json(IndicatorEvent event) {
    return Topics.INDICATORS.valueSerde().serializer().serialize("bench", event);
  }

  /**
   * Writes indicators as ingest-service does (its KafkaClients: acks=all, idempotent, lz4, 5 ms
   * linger), so the freshness measured is the one behind an ingest POST.
   */
  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-ingest");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  private static double consumerPerformance(String bootstrap, String topic, int events) {
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ConsumerPerformance.main(
          new String[] {
            "--bootstrap-server",
            bootstrap,
            "--topic",
            topic,
            "--messages",
            String.valueOf(events),
            "--timeout",
            "60000"
          });
    } finally {
      System.setOut(out);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    System.out.print(text);
    // header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
    // ...
    String[] lines = text.strip().split("\n");
    String[] cells = lines[lines.length - 1].split(",\\s*");
    double rate = cells.length > 5 ? Double.parseDouble(cells[5].trim()) : 0;
    System.out.printf("kafka consumer perf test: %.0f records/s%n", rate);
    return rate;
  }

  /**
   * The service's own Kafka Streams settings, {@code kafka-streams.*} of its {@code
   * application.properties} (threads, caches, RocksDB's memory, offsets reset), so that the
   * benchmark measures what the service runs.
   */
  private static Properties serviceStreamsSettings() {
    Properties service = new Properties();
    try (var in = ScoringBenchmark.class.getResourceAsStream("/application.properties")) {
      service.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Properties props = new Properties();
    for (String name : service.stringPropertyNames()) {
      if (name.startsWith("kafka-streams.")) {
        props.put(name.substring("kafka-streams.".length()), service.getProperty(name));
      }
    }
    return props;
  }

  private static KafkaStreams streams(
      String bootstrap,
      String run,
      String indicators,
      String registry,
      String scores,
      Path stateDir) {
    Properties props = serviceStreamsSettings();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-bench-" + run);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, GUARANTEE);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    props.put(StreamsConfig.POLL_MS_CONFIG, Math.max(1, COMMIT_INTERVAL_MS / 2)); // as the service
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // -Dbench.streams.<any Kafka Streams or client setting>=value tries other settings
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("bench.streams."))
        .forEach(name -> props.put(name.substring(14), System.getProperty(name)));
    return new KafkaStreams(
        ScoringTopology.build(
            new ScoringModel(ModelConfig.load("2026.1")),
            new ScoringTopology.Settings(
                indicators,
                registry,
                scores,
                Duration.ofSeconds(60),
                Duration.ofMillis(20),
                Duration.ofDays(30)),
            ScoringMetrics.none()),
        props);
  }

  /** Counts score records and, once measuring, their age since the producer sent. */
  private static Thread reader(
      String bootstrap,
      String isolation,
      String topic,
      AtomicLong seen,
      Histogram latency,
      long[] measureFrom) {
    Thread thread =
        new Thread(
            () -> {
              Properties props = new Properties();
              props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
              props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
              // -Dbench.reader.<consumer setting>=value tries others (e.g. fetch.max.wait.ms)
              System.getProperties().stringPropertyNames().stream()
                  .filter(name -> name.startsWith("bench.reader."))
                  .forEach(name -> props.put(name.substring(13), System.getProperty(name)));
              try (KafkaConsumer<String, byte[]> consumer =
                  new KafkaConsumer<>(
                      props, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                // records are coalesced (one per alliance per commit): what they count is the
                // latest eventCount of each alliance, summed
                Map<String, Long> counted = new HashMap<>();
                while (!Thread.currentThread().isInterrupted()) {
                  for (ConsumerRecord<String, byte[]> record :
                      consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    if (record.timestamp() >= measureFrom[0]) {
                      // a record's timestamp is when it was emitted: emitted -> visible
                      latency.recordValue(Math.max(0, now - record.timestamp()) * 1000);
                    }
                    counted.merge(record.key(), eventCount(record.value()), Math::max);
                  }
                  seen.set(counted.values().stream().mapToLong(Long::longValue).sum());
                }
              } catch (org.apache.kafka.common.errors.InterruptException e) {
                // done
              }
            },
            "bench-score-reader-" + isolation);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static long eventCount(byte[] scoreRecord) {
    try {
      return io.alliancewatch.contracts.Json.mapper()
          .readTree(scoreRecord)
          .path("eventCount")
          .asLong();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Sends at 1,000 events/s for {@code seconds}, each at its own time slot. */
  private static int paced(
      String bootstrap,
      String topic,
      int seconds,
      int firstId,
      Random random,
      Runnable beforeClose) {
    int total = seconds * 1000;
    Map<String, Alliance> alliances = TestData.alliances();
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = start + TimeUnit.MILLISECONDS.toNanos(i);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        String allianceId = ALLIANCES[random.nextInt(ALLIANCES.length)];
        List<String> members = alliances.get(allianceId).members();
        IndicatorEvent event =
            event(
                firstId + i,
                allianceId,
                members.get(random.nextInt(members.size())),
                Instant.now(),
                random);
        producer.send(new ProducerRecord<>(topic, allianceId, json(event)));
      }
      producer.flush();
      beforeClose.run();
    }
    return total;
  }

  private static void awaitCount(AtomicLong seen, long wanted, String what) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (seen.get() < wanted) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "gave up waiting for " + what + ": " + seen.get() + " of " + wanted);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  private static double report(String what, long count, long nanos) {
    double seconds = nanos / 1e9;
    double rate = count / seconds;
    System.out.printf("%s: %,d events in %.2f s = %,.0f events/s%n", what, count, seconds, rate);
    return rate;
  }
}
