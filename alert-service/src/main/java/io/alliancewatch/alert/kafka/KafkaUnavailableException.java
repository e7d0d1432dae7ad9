package io.alliancewatch.alert.kafka;

/** Kafka did not acknowledge in time: the caller is told nothing was stored. */
public class KafkaUnavailableException extends RuntimeException {
  public KafkaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
