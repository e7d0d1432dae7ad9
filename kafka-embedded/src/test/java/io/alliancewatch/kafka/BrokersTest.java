package io.alliancewatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class BrokersTest {

  @Test
  void shouldRoundTripARecordThroughTheEmbeddedCluster() throws Exception {
    try (EmbeddedKafkaCluster kafka =
        EmbeddedKafkaCluster.start(Path.of("target", "kafka-" + UUID.randomUUID()))) {
      send(kafka.bootstrapServers(), "greeting", "hello");
      assertThat(readAll(kafka.bootstrapServers(), "greeting", 1)).containsExactly("hello");
    }
  }

  @Test
  void shouldKeepItsDataWhenTheStandaloneBrokerRestarts() throws Exception {
    Path dataDir = Path.of("target", "standalone-" + UUID.randomUUID());
    int port = StandaloneKafka.freePort();
    int controllerPort = StandaloneKafka.freePort();
    try (StandaloneKafka kafka = StandaloneKafka.start(dataDir, port, controllerPort)) {
      send(kafka.bootstrapServers(), "kept", "before restart");
    }
    try (StandaloneKafka kafka = StandaloneKafka.start(dataDir, port, controllerPort)) {
      send(kafka.bootstrapServers(), "kept", "after restart");
      assertThat(readAll(kafka.bootstrapServers(), "kept", 2))
          .containsExactly("before restart", "after restart");
    }
  }

  @Test
  void shouldListenOnTheLoopbackAddressOnly() throws Exception {
    Path dataDir = Path.of("target", "standalone-" + UUID.randomUUID());
    int port = StandaloneKafka.freePort();
    try (StandaloneKafka kafka = StandaloneKafka.start(dataDir, port, StandaloneKafka.freePort())) {
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      send(kafka.bootstrapServers(), "loopback", "reachable");

      List<InetAddress> others = nonLoopbackAddresses();
      for (InetAddress address : others) {
        assertThatThrownBy(
                () -> {
                  try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2000);
                  }
                })
            .as("the broker's port on %s", address)
            .isInstanceOf(IOException.class);
      }
      assertThat(StandaloneKafka.brokerConfig(dataDir, port, 1).get("listeners"))
          .isEqualTo("PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:1");
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        Collections.list(nic.getInetAddresses()).stream()
            .filter(a -> !a.isLinkLocalAddress())
            .forEach(addresses::add);
      }
    }
    return addresses;
  }

  private static void send(String bootstrap, String topic, String value) throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "acks", "all"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get();
    }
  }

  private static List<String> readAll(String bootstrap, String topic, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                UUID.randomUUID().toString(),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
