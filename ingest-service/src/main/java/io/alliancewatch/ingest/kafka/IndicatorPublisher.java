package io.alliancewatch.ingest.kafka;

import io.alliancewatch.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Writes records and returns only when Kafka has acknowledged every one of them: a caller is told
 * "accepted" only for what is stored.
 */
@ApplicationScoped
public class IndicatorPublisher {

  private final KafkaClients clients;
  private final IngestConfig config;

  public IndicatorPublisher(KafkaClients clients, IngestConfig config) {
    this.clients = clients;
    this.config = config;
  }

  /**
   * Sends every record and waits for all acknowledgements.
   *
   * @throws KafkaUnavailableException when any record is not acknowledged within the ack timeout
   */
  public void publishAll(List<ProducerRecord<byte[], byte[]>> records) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    long deadline = System.nanoTime() + config.kafka().ackTimeout().toNanos();
    try {
      for (ProducerRecord<byte[], byte[]> record : records) {
        acks.add(clients.producer().send(record));
      }
      for (Future<RecordMetadata> ack : acks) {
        long left = Math.max(1, deadline - System.nanoTime());
        ack.get(left, TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      throw new KafkaUnavailableException("Kafka did not acknowledge: " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new KafkaUnavailableException(
          "Kafka did not acknowledge within " + config.kafka().ackTimeout(), e);
    } catch (KafkaException e) {
      throw new KafkaUnavailableException("Kafka refused the send: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
    }
  }

  /** Sends without waiting; the future completes on acknowledgement. */
  public CompletableFuture<RecordMetadata> publish(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
    try {
      clients
          .producer()
          .send(
              record,
              (metadata, error) -> {
                if (error != null) {
                  ack.completeExceptionally(error);
                } else {
                  ack.complete(metadata);
                }
              });
    } catch (KafkaException e) {
      ack.completeExceptionally(e);
    }
    return ack;
  }
}
