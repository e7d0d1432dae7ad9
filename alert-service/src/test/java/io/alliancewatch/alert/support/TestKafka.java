package io.alliancewatch.alert.support;

import static org.awaitility.Awaitility.await;

import io.alliancewatch.alert.registry.RegistryView;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.alert.DeadLetteredDelivery;
import io.alliancewatch.kafka.KafkaTestResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the other services would write, written by the test to the real broker. */
public final class TestKafka {

  private static KafkaProducer<String, Object> producer;

  private TestKafka() {}

  private static synchronized KafkaProducer<String, Object> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  KafkaTestResource.bootstrapServers(),
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.LINGER_MS_CONFIG,
                  0),
              Topics.SCORES.keySerde().serializer(),
              (topic, value) -> {
                try {
                  return Json.mapper().writeValueAsBytes(value);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
    return producer;
  }

  /** A new alliance on the registry, shaped like NATO of alliances.json, with a fresh id. */
  public static String newAlliance(String prefix) {
    String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Alliance nato = seedAlliances().get(0);
    send(
        Topics.REGISTRY.name(),
        id,
        new Alliance(
            id, nato.name() + " (test " + id + ")", nato.members(), nato.guidelinePctGdp()));
    return id;
  }

  /** {@link #newAlliance}, returned once the service's registry knows it. */
  public static String knownAlliance(RegistryView registry, String prefix) {
    String id = newAlliance(prefix);
    await().atMost(Duration.ofSeconds(10)).until(() -> registry.knows(id));
    return id;
  }

  /** The alliances of the reference data (a copy of shared/data/alliances.json). */
  public static List<Alliance> seedAlliances() {
    try (InputStream in = TestKafka.class.getResourceAsStream("/alliances.json")) {
      var root = Json.mapper().readTree(in);
      List<Alliance> all = new ArrayList<>();
      for (var node : root.get("alliances")) {
        List<String> members = new ArrayList<>();
        node.get("members").forEach(m -> members.add(m.textValue()));
        Double guideline =
            node.hasNonNull("guidelinePctGdp") ? node.get("guidelinePctGdp").doubleValue() : null;
        all.add(
            new Alliance(
                node.get("id").textValue(), node.get("name").textValue(), members, guideline));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A score record as scoring-service writes it: risk given, the rest plausible. */
  public static ScoreRecord score(String allianceId, double risk, Instant asOf) {
    return new ScoreRecord(
        allianceId,
        asOf,
        100 - risk,
        risk,
        "2026.1",
        asOf.minusSeconds(30),
        12,
        new ScoreRecord.Contributions(
            Map.of("TREATY", 0.2, "SUMMIT", 0.0), Map.of("EXERCISE", 0.7, "SANCTION", 0.1)),
        List.of(
            new ScoreRecord.Driver(
                "gdelt",
                "evt-1",
                io.alliancewatch.contracts.IndicatorType.values()[0],
                "DEU",
                0.7,
                "https://example.org/evidence/evt-1")),
        0.4,
        List.of(new ScoreRecord.MemberSpending("BEL", 1.3)),
        List.of());
  }

  /** Writes scores for an alliance, a millisecond apart, and waits for the acknowledgement. */
  public static void scores(String allianceId, double... risks) {
    Instant base = Instant.now();
    for (int i = 0; i < risks.length; i++) {
      send(Topics.SCORES.name(), allianceId, score(allianceId, risks[i], base.plusMillis(i)));
    }
  }

  public static void send(String topic, String key, Object value) {
    send(new ProducerRecord<>(topic, key, value));
  }

  public static void send(ProducerRecord<String, Object> record) {
    String topic = record.topic();
    try {
      producer().send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot write to " + topic, e);
    }
  }

  /** Every dead letter on the DLQ so far. */
  public static List<DeadLetteredDelivery> deadLetters() {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.NOTIFICATIONS_DLQ.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<DeadLetteredDelivery> all = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          all.add(
              Topics.NOTIFICATIONS_DLQ
                  .valueSerde()
                  .deserializer()
                  .deserialize(r.topic(), r.value().getBytes()));
        }
      }
      return all;
    }
  }

  /** The sum of the end offsets of a topic: grows with every record written to it. */
  public static long endOffsets(String topic) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
