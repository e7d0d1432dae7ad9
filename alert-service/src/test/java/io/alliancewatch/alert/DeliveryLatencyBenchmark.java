package io.alliancewatch.alert;

import static org.awaitility.Awaitility.await;

import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.support.Api;
import io.alliancewatch.alert.support.TestKafka;
import io.alliancewatch.alert.support.WebhookReceiver;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Latency from a score record written to Kafka to its webhook received, with 100 subscriptions on
 * one alliance and a local receiver; and deliveries per second. Prints figures, asserts no timing.
 * Run: {@code ./mvnw -B -pl alert-service verify -Pbenchmark} ({@code -Dbench.warm-up.seconds},
 * {@code -Dbench.rounds}).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class DeliveryLatencyBenchmark {

  @org.junit.jupiter.api.BeforeAll
  static void signIn() {
    io.alliancewatch.alert.support.Api.signInAsAdmin();
  }

  private static final int SUBSCRIPTIONS = 100;
  private static final int MIN_WARM_UP_ROUNDS = 20;
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 200);

  /**
   * The JIT compiles the broker's and the service's code for this load for about a minute (seen in
   * scoring's benchmark: the compiler threads took 40 % of the CPU meanwhile), so the warm-up
   * rounds go on for that long.
   */
  private static final Duration WARM_UP =
      Duration.ofSeconds(Long.getLong("bench.warm-up.seconds", 120));

  @Inject RegistryView registry;

  private final Histogram latencyMicros = new Histogram(60_000_000L, 3);
  private final Histogram firstOfBurstMicros = new Histogram(60_000_000L, 3);
  private final Histogram madeMicros = new Histogram(60_000_000L, 3);
  private final Histogram madeToReceivedMicros = new Histogram(60_000_000L, 3);
  private long measuredNanos;

  /** What the first few subscriptions received while measuring, to split the time into stages. */
  private record Sample(
      String webhookId, String notificationId, long madeAtMillis, long receivedAtMillis) {}

  private static final int STAGED_SUBSCRIPTIONS = 10;

  /** When each notification became visible to a read_committed reader (wall clock, ms). */
  private final Map<String, Long> visibleAt = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A read_committed reader of alert.notifications beside the service's own: it tells the engine's
   * commit apart from the service's read. (With fetches that wait at most 5 ms at the broker it
   * took so much CPU that every figure got worse.)
   */
  private Thread probe() {
    Thread thread =
        new Thread(
            () -> {
              Map<String, Object> props =
                  Map.of(
                      org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                      KafkaTestResource.bootstrapServers(),
                      org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                      "read_committed");
              try (var consumer =
                  new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                      props,
                      new org.apache.kafka.common.serialization.StringDeserializer(),
                      new org.apache.kafka.common.serialization.StringDeserializer())) {
                var partitions =
                    consumer.partitionsFor(Topics.NOTIFICATIONS.name()).stream()
                        .map(
                            p ->
                                new org.apache.kafka.common.TopicPartition(
                                    p.topic(), p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                while (!Thread.currentThread().isInterrupted()) {
                  for (var record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    try {
                      visibleAt.put(
                          Json.mapper().readTree(record.value()).get("notificationId").asText(),
                          now);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  }
                }
              } catch (org.apache.kafka.common.errors.InterruptException e) {
                // done
              }
            },
            "bench-notification-probe");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private final List<Sample> samples = new java.util.ArrayList<>();

  @Test
  void measureScoreToWebhookLatencyWith100Subscriptions() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String alliance = TestKafka.knownAlliance(registry, "BENCH");
      List<String> subscriptionIds = new java.util.ArrayList<>();
      for (int i = 0; i < SUBSCRIPTIONS; i++) {
        subscriptionIds.add(
            Api.subscribe(receiver, "/bench/" + i, List.of(alliance), 60, Map.of()).id());
      }
      // each pair of rounds fires, then resolves: 100 notifications a round
      long warmUpEnds = System.nanoTime() + WARM_UP.toNanos();
      int warmUpRounds = 0;
      while (warmUpRounds < MIN_WARM_UP_ROUNDS || System.nanoTime() < warmUpEnds) {
        round(receiver, alliance, 70, false);
        round(receiver, alliance, 50, false);
        warmUpRounds += 2;
      }
      Thread probe = probe();
      Histogram gcPausesMicros = new Histogram(60_000_000L, 3);
      javax.management.NotificationListener gcListener =
          (notification, handback) -> {
            if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                .equals(notification.getType())) {
              var info =
                  com.sun.management.GarbageCollectionNotificationInfo.from(
                      (javax.management.openmbean.CompositeData) notification.getUserData());
              gcPausesMicros.recordValue(info.getGcInfo().getDuration() * 1_000);
            }
          };
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((javax.management.NotificationEmitter) gc).addNotificationListener(gcListener, null, null);
      }
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuAtStart = os.getProcessCpuTime();
      long wallAtStart = System.nanoTime();
      for (int round = 0; round < ROUNDS; round++) {
        round(receiver, alliance, round % 2 == 0 ? 70 : 50, true);
      }
      double cores =
          (double) (os.getProcessCpuTime() - cpuAtStart) / (System.nanoTime() - wallAtStart);
      long deliveries = (long) ROUNDS * SUBSCRIPTIONS;
      System.out.printf(
          "%n=== alert-service benchmark: %d subscriptions, %d score records, %d deliveries,"
              + " after %d rounds (%d s) of warm-up ===%n"
              + "score record -> webhook received: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
              + " max %.1f ms%n"
              + "the first webhook of each record's 100: p50 %.1f ms, p99 %.1f ms%n"
              + "stages, on the millisecond clock: score sent -> notification made p50 %.0f ms,"
              + " p99 %.0f ms; made -> webhook received p50 %.0f ms, p99 %.0f ms%n"
              + "this JVM (broker, service, receiver) used %.2f of %d cores while measuring%n"
              + "deliveries/s (100 per record, first send to last receipt): %.0f%n%n",
          SUBSCRIPTIONS,
          ROUNDS,
          deliveries,
          warmUpRounds,
          WARM_UP.toSeconds(),
          ms(latencyMicros, 50),
          ms(latencyMicros, 90),
          ms(latencyMicros, 99),
          latencyMicros.getMaxValue() / 1000.0,
          ms(firstOfBurstMicros, 50),
          ms(firstOfBurstMicros, 99),
          ms(madeMicros, 50),
          ms(madeMicros, 99),
          ms(madeToReceivedMicros, 50),
          ms(madeToReceivedMicros, 99),
          cores,
          Runtime.getRuntime().availableProcessors(),
          deliveries / (measuredNanos / 1e9));
      probe.interrupt();
      for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((javax.management.NotificationEmitter) gc).removeNotificationListener(gcListener);
      }
      System.out.printf(
          "garbage collections while measuring: %d, p50 %.0f ms, max %.0f ms (G1 counts concurrent"
              + " cycles too)%n",
          gcPausesMicros.getTotalCount(),
          ms(gcPausesMicros, 50),
          gcPausesMicros.getMaxValue() / 1000.0);
      stages(subscriptionIds.subList(0, STAGED_SUBSCRIPTIONS));
    }
  }

  /**
   * Splits "made -> received" with the delivery log of a few subscriptions: made (the engine's
   * clock) -> taken from alert.notifications (the delivery's createdAt: after the engine's commit
   * and the read_committed fetch) -> attempt started (after the delivery log's write and the queue)
   * -> received. Prints the percentiles of each, and of the slowest 1 % of samples alone.
   */
  private void stages(List<String> subscriptionIds) {
    Map<String, Map<String, Object>> byWebhookId = new java.util.HashMap<>();
    for (String id : subscriptionIds) {
      for (Map<String, Object> d : Api.deliveries(id)) {
        byWebhookId.put((String) d.get("webhookId"), d);
      }
    }
    Histogram visible = new Histogram(60_000_000L, 3);
    Histogram taken = new Histogram(60_000_000L, 3);
    Histogram queued = new Histogram(60_000_000L, 3);
    Histogram sent = new Histogram(60_000_000L, 3);
    List<long[]> all = new java.util.ArrayList<>();
    for (Sample sample : samples) {
      Map<String, Object> d = byWebhookId.get(sample.webhookId());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> attempts = (List<Map<String, Object>>) d.get("attempts");
      long takenAt = Instant.parse((String) d.get("createdAt")).toEpochMilli();
      long attemptAt =
          Instant.parse((String) attempts.get(attempts.size() - 1).get("at")).toEpochMilli();
      long visibleAtMillis = visibleAt.getOrDefault(sample.notificationId(), takenAt);
      long[] split = {
        visibleAtMillis - sample.madeAtMillis(),
        takenAt - visibleAtMillis,
        attemptAt - takenAt,
        sample.receivedAtMillis() - attemptAt,
        sample.receivedAtMillis() - sample.madeAtMillis()
      };
      all.add(split);
      visible.recordValue(Math.max(0, split[0]) * 1_000);
      taken.recordValue(Math.max(0, split[1]) * 1_000);
      queued.recordValue(Math.max(0, split[2]) * 1_000);
      sent.recordValue(Math.max(0, split[3]) * 1_000);
    }
    System.out.printf(
        "stages of %d deliveries (%d subscriptions), p50/p99 ms: made -> committed (visible to a"
            + " read_committed probe) %.0f/%.0f; -> taken by the service %.0f/%.0f;"
            + " taken -> attempt %.0f/%.0f; attempt -> received %.0f/%.0f%n",
        samples.size(),
        subscriptionIds.size(),
        ms(visible, 50),
        ms(visible, 99),
        ms(taken, 50),
        ms(taken, 99),
        ms(queued, 50),
        ms(queued, 99),
        ms(sent, 50),
        ms(sent, 99));
    all.sort(java.util.Comparator.comparingLong(split -> -split[4]));
    long[] sum = new long[4];
    int slowest = Math.max(1, all.size() / 100);
    for (long[] split : all.subList(0, slowest)) {
      for (int k = 0; k < 4; k++) {
        sum[k] += split[k];
      }
    }
    System.out.printf(
        "the slowest 1 %% (%d), mean ms: made -> committed %.0f; -> taken %.0f;"
            + " taken -> attempt %.0f; attempt -> received %.0f%n",
        slowest,
        (double) sum[0] / slowest,
        (double) sum[1] / slowest,
        (double) sum[2] / slowest,
        (double) sum[3] / slowest);
    String metrics =
        io.restassured.RestAssured.given()
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    metrics
        .lines()
        .filter(
            line ->
                line.startsWith("kafka_stream_thread_commit_latency_avg")
                    || line.startsWith("kafka_stream_thread_commit_latency_max")
                    || line.startsWith("kafka_stream_thread_process_latency_avg"))
        .forEach(line -> System.out.println("engine: " + line));
    System.out.println();
  }

  /** Sends one score record and waits for its 100 webhooks; records the timings if measured. */
  private void round(WebhookReceiver receiver, String alliance, double risk, boolean measured)
      throws Exception {
    int before = total(receiver);
    long sentAtMillis = System.currentTimeMillis();
    long sentAt = System.nanoTime();
    TestKafka.send(Topics.SCORES.name(), alliance, TestKafka.score(alliance, risk, Instant.now()));
    await().atMost(Duration.ofSeconds(60)).until(() -> total(receiver) >= before + SUBSCRIPTIONS);
    if (!measured) {
      return;
    }
    long nowNanos = System.nanoTime();
    long nowMillis = System.currentTimeMillis();
    long lastAt = 0;
    long firstAt = Long.MAX_VALUE;
    for (int i = 0; i < SUBSCRIPTIONS; i++) {
      WebhookReceiver.Received last = receiver.lastReceived("/bench/" + i).orElseThrow();
      long at = last.receivedNanos();
      lastAt = Math.max(lastAt, at);
      firstAt = Math.min(firstAt, at);
      latencyMicros.recordValue(Math.max(0, (at - sentAt) / 1_000));
      // the notification's createdAt is the engine's clock when it made the notification
      var notification = Json.mapper().readTree(last.body());
      long madeAtMillis = Instant.parse(notification.get("createdAt").asText()).toEpochMilli();
      long receivedAtMillis = nowMillis - (nowNanos - at) / 1_000_000;
      madeMicros.recordValue(Math.max(0, (madeAtMillis - sentAtMillis) * 1_000));
      madeToReceivedMicros.recordValue(Math.max(0, (receivedAtMillis - madeAtMillis) * 1_000));
      if (i < STAGED_SUBSCRIPTIONS) {
        samples.add(
            new Sample(
                last.header("webhook-id"),
                notification.get("notificationId").asText(),
                madeAtMillis,
                receivedAtMillis));
      }
    }
    firstOfBurstMicros.recordValue(Math.max(0, (firstAt - sentAt) / 1_000));
    measuredNanos += lastAt - sentAt;
  }

  private static double ms(Histogram micros, double percentile) {
    return micros.getValueAtPercentile(percentile) / 1000.0;
  }

  private static int total(WebhookReceiver receiver) {
    return receiver.total(); // the receiver serves this benchmark alone
  }
}
