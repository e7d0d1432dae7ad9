package io.alliancewatch.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into LF-terminated lines (a CR before the LF is dropped) through one buffer,
 * keeping at most {@code maxLineBytes} of a line: a longer line is marked, not held.
 */
final class LineReader implements AutoCloseable {

  record RawLine(byte[] bytes, boolean tooLong) {}

  private final InputStream in;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private long bytesRead;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Bytes taken from the stream so far. */
  long bytesRead() {
    return bytesRead;
  }

  RawLine next(int maxLineBytes) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        int read = in.read(buffer);
        if (read == -1) {
          return any ? finish(line, tooLong) : null;
        }
        position = 0;
        limit = read;
        bytesRead += read;
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      int length = position - start;
      int room = maxLineBytes - line.size();
      if (length > room) {
        tooLong = true;
      }
      line.write(buffer, start, Math.max(0, Math.min(length, room)));
      if (position < limit) {
        position++; // the LF
        return finish(line, tooLong);
      }
    }
  }

  private static RawLine finish(ByteArrayOutputStream line, boolean tooLong) {
    byte[] bytes = line.toByteArray();
    if (!tooLong && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
      bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    }
    return new RawLine(bytes, tooLong);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
