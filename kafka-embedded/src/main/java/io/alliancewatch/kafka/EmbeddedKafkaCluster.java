package io.alliancewatch.kafka;

import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/** A one-node KRaft cluster in this JVM (Kafka's own test kit), for tests: ready in seconds. */
public final class EmbeddedKafkaCluster implements KafkaForTests {

  private final KafkaClusterTestKit cluster;

  private EmbeddedKafkaCluster(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  public static EmbeddedKafkaCluster start(Path baseDirectory) {
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
              .setBaseDirectory(baseDirectory)
              .build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      StandaloneKafka.brokerConfig(baseDirectory, 0, 0).entrySet().stream()
          .filter(e -> e.getKey().contains("replication.factor") || e.getKey().contains("min.isr"))
          .forEach(e -> builder.setConfigProp(e.getKey(), e.getValue()));
      builder.setConfigProp("group.initial.rebalance.delay.ms", "0");
      builder.setConfigProp("num.partitions", "1");
      KafkaClusterTestKit kit = builder.build();
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      return new EmbeddedKafkaCluster(kit);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the embedded Kafka cluster", e);
    }
  }

  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the embedded Kafka cluster", e);
    }
  }
}
