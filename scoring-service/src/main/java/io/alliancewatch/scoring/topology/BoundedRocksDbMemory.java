package io.alliancewatch.scoring.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds what RocksDB holds outside the heap, whatever the number of stores: every store of the
 * process (the states, the ledger, the pending alliances and each segment of the history, for every
 * task) shares one block cache, and their memtables are charged to it (Kafka Streams' "bounded
 * memory" recipe, docs "Memory management"). Without it each store has a cache and memtables of its
 * own, and the service's resident memory grows with partitions and segments.
 *
 * <p>Sized by the Streams settings {@value #MEMORY} (bytes, all of RocksDB's caches and memtables;
 * default 64 MiB) of which {@value #MEMTABLE_SHARE} (default 0.25) for memtables; in {@code
 * application.properties} they are {@code kafka-streams.alliance-watch.rocksdb.*}, beside {@code
 * kafka-streams.rocksdb.config.setter} which names this class.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  public static final String MEMORY = "alliance-watch.rocksdb.memory";
  public static final String MEMTABLE_SHARE = "alliance-watch.rocksdb.memtable-share";
  static final long DEFAULT_MEMORY = 64L * 1024 * 1024;
  static final double DEFAULT_MEMTABLE_SHARE = 0.25;

  /** One cache and one write buffer manager for the whole process, made on first use. */
  private static Cache cache;

  private static WriteBufferManager writeBuffers;

  private static synchronized void makeShared(long memory, double memtableShare) {
    if (cache == null) {
      // high-priority pool for index and filter blocks, so data blocks cannot evict them
      cache = new LRUCache(memory, -1, false, 0.1);
      writeBuffers = new WriteBufferManager((long) (memory * memtableShare), cache);
    }
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    makeShared(
        longSetting(configs, MEMORY, DEFAULT_MEMORY),
        doubleSetting(configs, MEMTABLE_SHARE, DEFAULT_MEMTABLE_SHARE));
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBuffers);
    options.setTableFormatConfig(table);
    // memtables fill the shared budget rather than 3 x 16 MiB each
    options.setMaxWriteBufferNumber(2);
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the write buffer manager are shared by every store: never closed here
  }

  private static long longSetting(Map<String, Object> configs, String key, long fallback) {
    Object value = configs.get(key);
    return value == null ? fallback : Long.parseLong(value.toString().strip());
  }

  private static double doubleSetting(Map<String, Object> configs, String key, double fallback) {
    Object value = configs.get(key);
    return value == null ? fallback : Double.parseDouble(value.toString().strip());
  }
}
