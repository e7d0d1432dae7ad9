package io.alliancewatch.scoring.it;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.TopicSpec;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.kafka.KafkaTestResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The test's side of the real broker: writes as ingest would, reads what scoring wrote. */
final class Broker {

  private Broker() {}

  static String bootstrapServers() {
    return KafkaTestResource.bootstrapServers();
  }

  static void ensureTopics() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      TopicSpec.ensureExist(admin, TopicSpec.DEFAULTS, (short) 1);
    }
  }

  static void register(Alliance alliance) throws Exception {
    send(
        Topics.REGISTRY.name(),
        alliance.id(),
        Topics.REGISTRY.valueSerde().serializer().serialize("t", alliance));
  }

  /** An indicator as ingest writes it: keyed by alliance id, stamped with ingestedAt. */
  static void publish(String allianceId, IndicatorEvent event) throws Exception {
    IndicatorEvent routed = event.routedTo(allianceId, Instant.now());
    send(
        Topics.INDICATORS.name(),
        allianceId,
        Topics.INDICATORS.valueSerde().serializer().serialize("t", routed));
  }

  private static KafkaProducer<String, byte[]> producer;

  /** Writes one record and waits for the broker's acknowledgement. */
  static synchronized void send(String topic, String key, byte[] value) throws Exception {
    if (producer == null) {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
      Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
    }
    producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
  }

  /** Every committed record of {@code alliance.scores} for {@code allianceId}, in order. */
  static List<ScoreRecord> scoresOf(String allianceId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ScoreRecord> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            props,
            new StringDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.SCORES.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (allianceId.equals(record.key())) {
            found.add(
                Topics.SCORES
                    .valueSerde()
                    .deserializer()
                    .deserialize(record.topic(), record.value()));
          }
        }
      }
    }
    return found;
  }
}
