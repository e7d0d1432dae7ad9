package io.alliancewatch.kafka;

/** A real broker that tests talk to: in this JVM, or a container where Docker runs. */
public interface KafkaForTests extends AutoCloseable {

  String bootstrapServers();

  @Override
  void close();
}
