package io.alliancewatch.alert.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A view of a topic kept on local disk (RocksDB, which Kafka Streams brings and uses for its own
 * stores), so that what the view holds does not live in the heap. It is a cache of the topic: made
 * empty at each start and filled by reading the topic again, so it needs no write-ahead log and no
 * recovery of its own. Keys sort as bytes; {@link #time} and {@link #key} build keys that sort by
 * time.
 */
public final class LocalStore implements AutoCloseable {

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final LRUCache cache;
  private final Options options;
  private final WriteOptions writes;
  private final RocksDB db;

  /**
   * Reads and writes share it; {@link #close} takes it alone (RocksDB must not close under them).
   */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private boolean closed;

  private LocalStore(Path dir) throws RocksDBException {
    this.dir = dir;
    // small and bounded off-heap memory: a 8 MB block cache and two 4 MB write buffers
    this.cache = new LRUCache(8L << 20);
    this.options =
        new Options()
            .setCreateIfMissing(true)
            .setWriteBufferSize(4L << 20)
            .setMaxWriteBufferNumber(2)
            .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
    this.writes = new WriteOptions().setDisableWAL(true);
    this.db = RocksDB.open(options, dir.toString());
  }

  /** Deletes whatever {@code dir} holds (a previous run's view) and opens an empty store there. */
  public static LocalStore openEmpty(Path dir) {
    try {
      deleteRecursively(dir);
      Files.createDirectories(dir);
      return new LocalStore(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the local store " + dir, e);
    } catch (RocksDBException e) {
      throw new IllegalStateException("cannot open the local store " + dir, e);
    }
  }

  public byte[] get(byte[] key) {
    Lock open = open();
    try {
      return db.get(key);
    } catch (RocksDBException e) {
      throw failure("read", e);
    } finally {
      open.unlock();
    }
  }

  /** Writes and deletes atomically. */
  public void write(WriteBatch batch) {
    Lock open = open();
    try {
      db.write(writes, batch);
    } catch (RocksDBException e) {
      throw failure("write", e);
    } finally {
      open.unlock();
    }
  }

  /**
   * Visits the entries whose key starts with {@code prefix}, newest (greatest key) first, from
   * below {@code before} (null: from the greatest) down to {@code notBelow} (null: to the least),
   * while {@code visit} answers true.
   */
  public void descending(
      byte[] prefix, byte[] before, byte[] notBelow, BiPredicate<byte[], byte[]> visit) {
    byte[] start = before != null ? before : concat(prefix, MAX_SUFFIX);
    Lock open = open();
    try (RocksIterator it = db.newIterator()) {
      it.seekForPrev(start);
      if (it.isValid() && before != null && Arrays.equals(it.key(), before)) {
        it.prev(); // exclusive
      }
      for (; it.isValid(); it.prev()) {
        byte[] key = it.key();
        if (!startsWith(key, prefix)
            || (notBelow != null && Arrays.compareUnsigned(key, notBelow) < 0)) {
          return;
        }
        if (!visit.test(key, it.value())) {
          return;
        }
      }
    } finally {
      open.unlock();
    }
  }

  /** Visits the entries whose key starts with {@code prefix}, in key order, while true. */
  public void ascending(byte[] prefix, BiPredicate<byte[], byte[]> visit) {
    Lock open = open();
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
        if (!visit.test(it.key(), it.value())) {
          return;
        }
      }
    } finally {
      open.unlock();
    }
  }

  /** Holds the store open until unlocked; refuses once closed. */
  private Lock open() {
    Lock read = lock.readLock();
    read.lock();
    if (closed) {
      read.unlock();
      throw new StoreClosedException("the local store " + dir + " is closed (restarting)");
    }
    return read;
  }

  /** The store was closed: the view is being read again, or the service stops. */
  public static final class StoreClosedException extends IllegalStateException {
    public StoreClosedException(String message) {
      super(message);
    }
  }

  /** Closes the store and deletes its files. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
    db.close();
    writes.close();
    options.close();
    cache.close();
    try {
      deleteRecursively(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the local store " + dir, e);
    }
  }

  /** Above every key suffix {@link #key} makes: ids and texts are UTF-8, never 0xFF. */
  private static final byte[] MAX_SUFFIX = {(byte) 0xFF};

  /**
   * A key of parts: texts as UTF-8 each followed by a 0 byte (so "ab" and "a"+"b" differ), byte
   * arrays (from {@link #time}) as they are.
   */
  public static byte[] key(Object... parts) {
    byte[][] encoded = new byte[parts.length][];
    int length = 0;
    for (int i = 0; i < parts.length; i++) {
      encoded[i] =
          parts[i] instanceof byte[] bytes
              ? bytes
              : (parts[i] + "\0").getBytes(StandardCharsets.UTF_8);
      length += encoded[i].length;
    }
    byte[] key = new byte[length];
    int at = 0;
    for (byte[] part : encoded) {
      System.arraycopy(part, 0, key, at, part.length);
      at += part.length;
    }
    return key;
  }

  /** The length of {@link #time}'s keys. */
  public static final int TIME_LENGTH = 12;

  /** 12 bytes that sort as the instants do: seconds (sign flipped) and nanoseconds, big-endian. */
  public static byte[] time(Instant t) {
    long seconds = t.getEpochSecond() ^ Long.MIN_VALUE;
    int nanos = t.getNano();
    byte[] b = new byte[12];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (seconds >>> (56 - 8 * i));
    }
    for (int i = 0; i < 4; i++) {
      b[8 + i] = (byte) (nanos >>> (24 - 8 * i));
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private IllegalStateException failure(String what, RocksDBException e) {
    return new IllegalStateException("cannot " + what + " the local store " + dir, e);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
