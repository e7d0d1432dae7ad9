package io.alliancewatch.alert;

import static org.awaitility.Awaitility.await;

import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.alert.support.Api;
import io.alliancewatch.alert.support.TestKafka;
import io.alliancewatch.alert.support.WebhookReceiver;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Latency from a score record written to Kafka to its webhook received, with 100 subscriptions on
 * one alliance and a local receiver; and deliveries per second. Prints figures, asserts no timing.
 * Run: {@code ./mvnw -B -pl alert-service verify -Pbenchmark}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = false)
class DeliveryLatencyBenchmark {

  private static final int SUBSCRIPTIONS = 100;
  private static final int WARM_UP_ROUNDS = 20;
  private static final int ROUNDS = 50;

  @Inject RegistryView registry;

  @Test
  void measureScoreToWebhookLatencyWith100Subscriptions() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String alliance = TestKafka.newAlliance("BENCH");
      await().atMost(Duration.ofSeconds(10)).until(() -> registry.knows(alliance));
      for (int i = 0; i < SUBSCRIPTIONS; i++) {
        Api.subscribe(receiver, "/bench/" + i, List.of(alliance), 60, Map.of());
      }
      Histogram latencyMicros = new Histogram(60_000_000L, 3);
      Histogram firstOfBurstMicros = new Histogram(60_000_000L, 3);
      long measuredDeliveries = 0;
      long measuredNanos = 0;
      for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
        double risk = round % 2 == 0 ? 70 : 50; // fires, then resolves: 100 notifications each
        int before = total(receiver);
        long sentAt = System.nanoTime();
        TestKafka.send(
            Topics.SCORES.name(), alliance, TestKafka.score(alliance, risk, Instant.now()));
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> total(receiver) >= before + SUBSCRIPTIONS);
        long lastAt = 0;
        long firstAt = Long.MAX_VALUE;
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
          long at = receiver.lastReceivedNanos("/bench/" + i);
          lastAt = Math.max(lastAt, at);
          firstAt = Math.min(firstAt, at);
          if (round >= WARM_UP_ROUNDS) {
            latencyMicros.recordValue(Math.max(0, (at - sentAt) / 1_000));
          }
        }
        if (round >= WARM_UP_ROUNDS) {
          firstOfBurstMicros.recordValue(Math.max(0, (firstAt - sentAt) / 1_000));
          measuredDeliveries += SUBSCRIPTIONS;
          measuredNanos += lastAt - sentAt;
        }
      }
      System.out.printf(
          "%n=== alert-service benchmark: %d subscriptions, %d score records, %d deliveries ===%n"
              + "score record -> webhook received: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n"
              + "the first webhook of each record's 100: p50 %.1f ms, p99 %.1f ms%n"
              + "deliveries/s (100 per record, first send to last receipt): %.0f%n%n",
          SUBSCRIPTIONS,
          ROUNDS,
          measuredDeliveries,
          latencyMicros.getValueAtPercentile(50) / 1000.0,
          latencyMicros.getValueAtPercentile(90) / 1000.0,
          latencyMicros.getValueAtPercentile(99) / 1000.0,
          latencyMicros.getMaxValue() / 1000.0,
          firstOfBurstMicros.getValueAtPercentile(50) / 1000.0,
          firstOfBurstMicros.getValueAtPercentile(99) / 1000.0,
          measuredDeliveries / (measuredNanos / 1e9));
    }
  }

  private static int total(WebhookReceiver receiver) {
    return receiver.count("/bench/");
  }
}
