package io.alliancewatch.importer.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.importer.testing.Cli;
import io.alliancewatch.importer.testing.Cli.Run;
import io.alliancewatch.importer.testing.FakeGdelt;
import io.alliancewatch.importer.testing.FakeIngest;
import io.alliancewatch.importer.testing.Mapped;
import io.alliancewatch.importer.testing.Resources;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code follow gdelt --once}, run as a cron job would: each run is a fresh start of the follower
 * that only has its state file to go on, against local servers for GDELT and ingest.
 */
class FollowGdeltTest {

  static final String FIRST = "20191024143000.export.CSV.zip";
  static final String SECOND = "20191024144500.export.CSV.zip";
  static final int FIRST_EVENTS = 57; // derived.export.CSV
  static final int SECOND_EVENTS = 86; // real.export.CSV

  @TempDir Path dir;

  private final FakeGdelt gdelt = new FakeGdelt();
  private final FakeIngest ingest = new FakeIngest(Mapped.bundledAlliances());

  @AfterEach
  void stop() {
    gdelt.close();
    ingest.close();
  }

  private Run poll() {
    return Cli.run(pollArgs());
  }

  private String[] pollArgs() {
    return new String[] {
      "follow",
      "gdelt",
      "--once",
      "--list-url",
      gdelt.listUrl().toString(),
      "--state",
      dir.resolve("state.json").toString(),
      "--ingest-url",
      ingest.url().toString(),
      "--retry-wait",
      "1ms",
      "--max-retries",
      "1"
    };
  }

  @Test
  void givenANewExport_whenPolledTwice_thenItIsFetchedAndImportedOnce() {
    gdelt.publishZipped(FIRST, Resources.bytes("/gdelt/derived.export.CSV"));
    gdelt.list(FIRST);

    Run first = poll();
    Run second = poll();

    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).contains("imported " + FIRST + "!").contains("events sent 57");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).isEmpty();
    assertThat(gdelt.downloads(FIRST)).isEqualTo(1);
    assertThat(ingest.written()).hasSize(FIRST_EVENTS);
    // the mentions and GKG files beside it are not event exports
    assertThat(gdelt.totalDownloads()).isEqualTo(1);
  }

  @Test
  void givenTheListMovesOn_whenPolled_thenOnlyTheNewExportIsImported() {
    gdelt.publishZipped(FIRST, Resources.bytes("/gdelt/derived.export.CSV"));
    gdelt.publishZipped(SECOND, Resources.bytes("/gdelt/real.export.CSV"));
    gdelt.list(FIRST);
    poll();

    gdelt.list(SECOND);
    Run run = poll();

    assertThat(run.out()).contains("imported " + SECOND).doesNotContain(FIRST);
    assertThat(gdelt.downloads(FIRST)).isEqualTo(1);
    assertThat(gdelt.downloads(SECOND)).isEqualTo(1);
    assertThat(ingest.written()).hasSize(FIRST_EVENTS + SECOND_EVENTS);
  }

  @Test
  void givenADownloadWithABadMd5_whenPolled_thenRefusedAndImportedOnALaterPoll() throws Exception {
    byte[] good = gdelt.publishZipped(FIRST, Resources.bytes("/gdelt/derived.export.CSV"));
    gdelt.list(FIRST);
    byte[] corrupt = good.clone();
    corrupt[corrupt.length / 2] ^= 0x5a;
    gdelt.serveInstead(FIRST, corrupt);

    Run refused = poll();

    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err()).contains("md5 mismatch").contains("retried next poll");
    assertThat(ingest.written()).isEmpty();
    FollowState state = FollowState.load(dir.resolve("state.json"));
    assertThat(state.done()).isEmpty();
    assertThat(state.pending())
        .singleElement()
        .satisfies(p -> assertThat(p.attempts()).isEqualTo(1));

    gdelt.serveInstead(FIRST, good);
    Run retried = poll();

    assertThat(retried.exitCode()).isZero();
    assertThat(ingest.written()).hasSize(FIRST_EVENTS);
    assertThat(FollowState.load(dir.resolve("state.json")).pending()).isEmpty();
    assertThat(gdelt.downloads(FIRST)).isEqualTo(2);
  }

  @Test
  void givenARefusedExportThatLeftTheList_whenPolled_thenItIsStillRetriedBeforeTheNewOne() {
    byte[] good = gdelt.publishZipped(FIRST, Resources.bytes("/gdelt/derived.export.CSV"));
    gdelt.publishZipped(SECOND, Resources.bytes("/gdelt/real.export.CSV"));
    gdelt.list(FIRST);
    gdelt.serveInstead(FIRST, Arrays.copyOf(good, good.length - 10));
    poll();

    gdelt.serveInstead(FIRST, good);
    gdelt.list(SECOND);
    Run run = poll();

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().indexOf(FIRST)).isLessThan(run.out().indexOf(SECOND)).isNotNegative();
    assertThat(ingest.written()).hasSize(FIRST_EVENTS + SECOND_EVENTS);
  }

  @Test
  void givenARestartAfterAnImport_whenTheListStillShowsIt_thenOnlyNewExportsAreImported() {
    gdelt.publishZipped(FIRST, Resources.bytes("/gdelt/derived.export.CSV"));
    gdelt.publishZipped(SECOND, Resources.bytes("/gdelt/real.export.CSV"));
    gdelt.list(FIRST);
    poll();

    // a list that still names the first export (as masterfilelist.txt would) after a restart
    gdelt.list(FIRST, SECOND);
    Run afterRestart = poll();

    assertThat(afterRestart.out()).contains("imported " + SECOND).doesNotContain(FIRST);
    assertThat(gdelt.downloads(FIRST)).isEqualTo(1);
    assertThat(ingest.written()).hasSize(FIRST_EVENTS + SECOND_EVENTS);
    assertThat(ingest.written()).doesNotHaveDuplicates();
  }

  @Test
  void givenIngestDownDuringAnImport_whenPolledLater_thenTheExportIsImportedThen()
      throws Exception {
    gdelt.publishZipped(FIRST, Resources.bytes("/gdelt/derived.export.CSV"));
    gdelt.list(FIRST);
    ingest.kafkaDownFor(1_000);

    Run down = poll();

    assertThat(down.exitCode()).isEqualTo(3);
    assertThat(down.err()).contains("import stopped");
    assertThat(FollowState.load(dir.resolve("state.json")).done()).isEmpty();

    ingest.kafkaDownFor(0);
    Run up = poll();

    assertThat(up.exitCode()).isZero();
    assertThat(ingest.written()).hasSize(FIRST_EVENTS);
    assertThat(FollowState.load(dir.resolve("state.json")).done())
        .singleElement()
        .satisfies(done -> assertThat(done.eventsSent()).isEqualTo(FIRST_EVENTS));
  }

  @Test
  void givenACorruptStateFile_whenPolled_thenItStopsSayingWhichFileAndImportsNothing()
      throws Exception {
    gdelt.publishZipped(FIRST, Resources.bytes("/gdelt/derived.export.CSV"));
    gdelt.list(FIRST);
    java.nio.file.Files.writeString(dir.resolve("state.json"), "{ not json");

    Run run = poll();

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("cannot use the state file").contains("state.json");
    assertThat(ingest.written()).isEmpty();
  }

  @Test
  void givenIngestRefusesTheToken_whenFollowingLive_thenItStopsWithExit4AndTheExportStaysToDo()
      throws Exception {
    ingest.requireToken("good-token");
    gdelt.publishZipped(FIRST, Resources.bytes("/gdelt/derived.export.CSV"));
    gdelt.list(FIRST);

    // no --once: a follower that kept polling with a token that cannot change would never end
    Run live =
        Cli.run(
            "follow",
            "gdelt",
            "--list-url",
            gdelt.listUrl().toString(),
            "--state",
            dir.resolve("state.json").toString(),
            "--ingest-url",
            ingest.url().toString(),
            "--token",
            "expired-token");

    assertThat(live.exitCode()).isEqualTo(4);
    assertThat(live.err())
        .contains("ingest refused the token (401)")
        .contains("--source gdelt")
        .contains("run again with a new token");
    assertThat(ingest.refusedForAccess()).as("not retried").isEqualTo(1);
    assertThat(FollowState.load(dir.resolve("state.json")).done()).isEmpty();

    Run again =
        Cli.run(
            Stream.concat(Arrays.stream(pollArgs()), Stream.of("--token", "good-token"))
                .toArray(String[]::new));

    assertThat(again.exitCode()).isZero();
    assertThat(ingest.written()).hasSize(FIRST_EVENTS);
  }
}
