package io.alliancewatch.scoring.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What the pending store keeps of an alliance counted since its last record: when the first of
 * those events was ingested, and its trace headers, which the record will carry. A few bytes: the
 * ingestion time in epoch milliseconds ({@link Long#MIN_VALUE} for none), then each header as its
 * name's and value's length and bytes.
 */
record PendingRecord(Optional<Instant> ingestedAt, Headers headers) {

  private static final long NONE = Long.MIN_VALUE;

  static byte[] encode(Instant ingestedAt, Headers headers) {
    List<byte[]> parts = new ArrayList<>();
    int size = Long.BYTES + Integer.BYTES;
    for (Header header : headers) {
      byte[] name = header.key().getBytes(StandardCharsets.UTF_8);
      byte[] value = header.value() == null ? new byte[0] : header.value();
      parts.add(name);
      parts.add(value);
      size += 2 * Integer.BYTES + name.length + value.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putLong(ingestedAt == null ? NONE : ingestedAt.toEpochMilli());
    out.putInt(parts.size() / 2);
    for (byte[] part : parts) {
      out.putInt(part.length).put(part);
    }
    return out.array();
  }

  static PendingRecord decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    long millis = in.getLong();
    int count = in.getInt();
    RecordHeaders headers = new RecordHeaders();
    for (int i = 0; i < count; i++) {
      String name = new String(next(in), StandardCharsets.UTF_8);
      headers.add(name, next(in));
    }
    return new PendingRecord(
        millis == NONE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis)), headers);
  }

  private static byte[] next(ByteBuffer in) {
    byte[] part = new byte[in.getInt()];
    in.get(part);
    return part;
  }
}
