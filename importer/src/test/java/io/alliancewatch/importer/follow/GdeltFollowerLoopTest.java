package io.alliancewatch.importer.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.importer.core.Importer;
import io.alliancewatch.importer.core.Progress;
import io.alliancewatch.importer.core.SourceFile;
import io.alliancewatch.importer.gdelt.GdeltMapper;
import io.alliancewatch.importer.report.ImportReport;
import io.alliancewatch.importer.send.EventSink.SinkException;
import io.alliancewatch.importer.testing.FakeGdelt;
import io.alliancewatch.importer.testing.Mapped;
import io.alliancewatch.importer.testing.RecordingSink;
import io.alliancewatch.importer.testing.Resources;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follower's own polling loop, left running while GDELT publishes. */
class GdeltFollowerLoopTest {

  static final String FIRST = "20191024143000.export.CSV.zip";
  static final String SECOND = "20191024144500.export.CSV.zip";

  @TempDir Path dir;

  private final FakeGdelt gdelt = new FakeGdelt();
  private final RecordingSink sink = new RecordingSink();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private Thread loop;

  @AfterEach
  void stop() throws InterruptedException {
    if (loop != null) {
      loop.interrupt();
      loop.join(10_000);
    }
    gdelt.close();
  }

  @Test
  void givenARunningFollower_whenGdeltPublishesTwoExports_thenEachIsImportedOnceAsItAppears() {
    gdelt.publishZipped(FIRST, Resources.bytes("/gdelt/derived.export.CSV"));
    gdelt.publishZipped(SECOND, Resources.bytes("/gdelt/real.export.CSV"));
    gdelt.list(FIRST);
    GdeltFollower follower =
        new GdeltFollower(
            HttpClient.newHttpClient(),
            gdelt.listUrl(),
            dir.resolve("state.json"),
            this::importExport,
            log::add,
            report -> {},
            Clock.systemUTC());

    loop = new Thread(() -> follow(follower), "follower-under-test");
    loop.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> sink.sent().size() == 57);
    gdelt.list(SECOND);
    await().atMost(Duration.ofSeconds(20)).until(() -> sink.sent().size() == 57 + 86);
    int pollsSoFar = gdelt.listRequests();
    await().atMost(Duration.ofSeconds(20)).until(() -> gdelt.listRequests() >= pollsSoFar + 5);

    // many polls later, still one download of each and no event twice
    assertThat(gdelt.downloads(FIRST)).isEqualTo(1);
    assertThat(gdelt.downloads(SECOND)).isEqualTo(1);
    assertThat(sink.sent()).hasSize(57 + 86);
    assertThat(log).isEmpty();
  }

  private void follow(GdeltFollower follower) {
    try {
      follower.run(Duration.ofMillis(20));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.add(e.toString());
    }
  }

  private ImportReport importExport(String name, byte[] content)
      throws IOException, InterruptedException {
    ImportReport report = new ImportReport("gdelt");
    Importer importer = new Importer(sink, 100, report, Progress.NONE);
    try {
      for (SourceFile file : SourceFile.of(name, content)) {
        importer.importFile(file, new GdeltMapper(Mapped.bundledAlliances()));
      }
    } catch (SinkException e) {
      report.failed(e.getMessage());
    }
    return report;
  }
}
