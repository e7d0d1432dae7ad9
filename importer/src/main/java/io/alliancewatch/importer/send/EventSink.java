package io.alliancewatch.importer.send;

import java.util.List;

/** Where events go: ingest over HTTP, the raw topic, or nowhere (a dry run). */
public interface EventSink extends AutoCloseable {

  /**
   * Sends a batch of indicator JSON documents and returns once the receiver holds every one it
   * accepted.
   *
   * @return the documents it refused, by index in {@code batch}, each with the receiver's reason
   * @throws SinkException when the batch could not be delivered at all (retries used up, or an
   *     answer that no retry will change)
   */
  List<Refusal> send(List<byte[]> batch) throws SinkException, InterruptedException;

  /** Where the events go, for the summary. */
  String description();

  @Override
  default void close() {}

  /** A document the receiver would not take. */
  record Refusal(int index, String pointer, String message) {}

  /** The batch could not be delivered; nothing in it is known to have been taken. */
  class SinkException extends Exception {
    public SinkException(String message) {
      super(message);
    }

    public SinkException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
