package io.alliancewatch.ingest.kafka;

/** Kafka did not acknowledge in time: the caller must be told 503 and nothing is claimed. */
public class KafkaUnavailableException extends RuntimeException {
  public KafkaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
