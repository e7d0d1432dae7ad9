package io.alliancewatch.alert.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

/** The local store on a real RocksDB: keys that sort by time, bounded descending scans, closing. */
class LocalStoreTest {

  @TempDir Path dir;

  @Test
  void givenInstants_thenTheirKeysSortAsTheyDo_beforeTheEpochAndWithinASecondToo() {
    List<Instant> instants =
        List.of(
            Instant.parse("1969-12-31T23:59:59.999999999Z"),
            Instant.parse("1900-01-01T00:00:00Z"),
            Instant.EPOCH,
            Instant.parse("2026-12-02T10:00:00.000000001Z"),
            Instant.parse("2026-12-02T10:00:00Z"),
            Instant.parse("2026-12-02T09:59:59.5Z"),
            Instant.parse("2100-01-01T00:00:00Z"));
    List<Instant> byKey = new ArrayList<>(instants);
    byKey.sort((a, b) -> Arrays.compareUnsigned(LocalStore.time(a), LocalStore.time(b)));
    List<Instant> byTime = new ArrayList<>(instants);
    byTime.sort(Comparator.naturalOrder());
    assertThat(byKey).isEqualTo(byTime);
    assertThat(LocalStore.time(Instant.EPOCH)).hasSize(LocalStore.TIME_LENGTH);
  }

  @Test
  void givenEntries_thenADescendingScanKeepsToItsPrefixAndBounds_newestFirst() throws Exception {
    Instant base = Instant.parse("2026-12-02T10:00:00Z");
    try (LocalStore store = LocalStore.openEmpty(dir.resolve("view"))) {
      try (WriteBatch batch = new WriteBatch()) {
        for (int i = 0; i < 10; i++) {
          batch.put(
              key("a", base.plusSeconds(i), "id" + i), ("a" + i).getBytes(StandardCharsets.UTF_8));
          batch.put(
              key("ab", base.plusSeconds(i), "id" + i),
              ("ab" + i).getBytes(StandardCharsets.UTF_8));
        }
        store.write(batch);
      }
      // "a" and "ab" are different prefixes (each text part ends with a 0 byte)
      assertThat(scan(store, "a", null, null, 100))
          .containsExactly("a9", "a8", "a7", "a6", "a5", "a4", "a3", "a2", "a1", "a0");
      // before is exclusive, notBelow inclusive
      assertThat(
              scan(
                  store,
                  "a",
                  LocalStore.key(LocalStore.key("a"), LocalStore.time(base.plusSeconds(7))),
                  LocalStore.key(LocalStore.key("a"), LocalStore.time(base.plusSeconds(3))),
                  100))
          .containsExactly("a6", "a5", "a4", "a3");
      assertThat(scan(store, "ab", null, null, 2)).containsExactly("ab9", "ab8");
      assertThat(scan(store, "b", null, null, 100)).isEmpty();
      assertThat(store.get(key("a", base, "id0"))).asString(StandardCharsets.UTF_8).isEqualTo("a0");
    }
  }

  @Test
  void givenAClosedStore_thenItRefusesAndItsFilesAreGone_andOpeningEmptyDropsWhatWasLeft()
      throws Exception {
    Path view = dir.resolve("view");
    LocalStore store = LocalStore.openEmpty(view);
    try (WriteBatch batch = new WriteBatch()) {
      batch.put(LocalStore.key("k"), new byte[] {1});
      store.write(batch);
    }
    store.close();
    assertThat(Files.exists(view)).isFalse();
    assertThatThrownBy(() -> store.get(LocalStore.key("k")))
        .isInstanceOf(LocalStore.StoreClosedException.class);

    // what a killed process left behind is deleted, not read
    Path left = dir.resolve("left");
    Files.createDirectories(left);
    Files.writeString(left.resolve("000042.sst"), "a previous run's table");
    try (LocalStore again = LocalStore.openEmpty(left)) {
      assertThat(left.resolve("000042.sst")).doesNotExist();
      assertThat(again.get(LocalStore.key("k"))).isNull();
    }
  }

  private static byte[] key(String prefix, Instant at, String id) {
    return LocalStore.key(prefix, LocalStore.time(at), id);
  }

  private static List<String> scan(
      LocalStore store, String prefix, byte[] before, byte[] notBelow, int limit) {
    List<String> seen = new ArrayList<>();
    store.descending(
        LocalStore.key(prefix),
        before,
        notBelow,
        (key, value) -> {
          seen.add(new String(value, StandardCharsets.UTF_8));
          return seen.size() < limit;
        });
    return seen;
  }
}
