package io.alliancewatch.importer.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A fresh topic on a real broker, and what was written to it. */
public final class RawTopic {

  private RawTopic() {}

  /** Creates a topic of {@code partitions} with a unique name. */
  public static String create(String bootstrapServers, String prefix, int partitions)
      throws Exception {
    String name = prefix + "-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    }
    return name;
  }

  /** A consumer reading {@code topic} from the beginning. */
  public static KafkaConsumer<byte[], String> consumer(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "importer-test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    KafkaConsumer<byte[], String> consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /** Adds what one poll brings to {@code values}. */
  public static void pollInto(KafkaConsumer<byte[], String> consumer, List<String> values) {
    for (ConsumerRecord<byte[], String> record : consumer.poll(Duration.ofMillis(200))) {
      values.add(record.value());
    }
  }

  public static List<String> newList() {
    return new ArrayList<>();
  }
}
