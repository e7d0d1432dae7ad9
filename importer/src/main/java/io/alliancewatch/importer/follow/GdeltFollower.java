package io.alliancewatch.importer.follow;

import io.alliancewatch.importer.follow.FollowState.Done;
import io.alliancewatch.importer.follow.FollowState.Pending;
import io.alliancewatch.importer.follow.UpdateList.Listed;
import io.alliancewatch.importer.report.ImportReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows GDELT: polls the update list, fetches each new export once, checks its size and md5,
 * imports it, and records it in the state file. A file is marked done only after its import has
 * been acknowledged, so a crash in between imports it again on restart, which changes no score
 * (same ids); a clean restart neither skips nor repeats a file.
 */
public final class GdeltFollower {

  /**
   * Imports one downloaded export; the report says what became of it. An unchecked exception stops
   * the follower, with the export neither done nor pending (the next run imports it).
   */
  @FunctionalInterface
  public interface ExportImporter {
    ImportReport importExport(String name, byte[] content) throws IOException, InterruptedException;
  }

  /** What one poll did. */
  public record Poll(int imported, int failed, boolean listUnavailable) {}

  private final HttpClient client;
  private final URI listUrl;
  private final Path stateFile;
  private final ExportImporter importer;
  private final Consumer<String> log;
  private final Consumer<ImportReport> reports;
  private final Clock clock;

  public GdeltFollower(
      HttpClient client,
      URI listUrl,
      Path stateFile,
      ExportImporter importer,
      Consumer<String> log,
      Consumer<ImportReport> reports,
      Clock clock) {
    this.client = client;
    this.listUrl = listUrl;
    this.stateFile = stateFile;
    this.importer = importer;
    this.log = log;
    this.reports = reports;
    this.clock = clock;
  }

  /** Polls until interrupted, waiting {@code interval} between polls. */
  public void run(Duration interval) throws IOException, InterruptedException {
    while (!Thread.currentThread().isInterrupted()) {
      pollOnce();
      Thread.sleep(interval.toMillis());
    }
  }

  /** One round: read the list, then import every export not done yet, oldest first. */
  public Poll pollOnce() throws IOException, InterruptedException {
    FollowState state = FollowState.load(stateFile);
    String listText;
    try {
      HttpResponse<String> response =
          client.send(get(listUrl), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        log.accept(listUrl + " answered " + response.statusCode() + "; trying again next poll");
        return new Poll(0, 0, true);
      }
      listText = response.body();
    } catch (IOException e) {
      log.accept("cannot read " + listUrl + ": " + e.getMessage() + "; trying again next poll");
      return new Poll(0, 0, true);
    }
    List<String> problems = new ArrayList<>();
    List<Listed> todo = todo(state, UpdateList.exports(listText, listUrl, problems));
    problems.forEach(log);
    int imported = 0;
    int failed = 0;
    for (Listed export : todo) {
      Outcome outcome = fetchAndImport(export, state);
      String error = outcome.error();
      if (error == null) {
        imported++;
      } else {
        failed++;
        Pending before = state.pendingFor(export.url().toString());
        state.pending().remove(before);
        int attempts = (before == null ? 0 : before.attempts()) + 1;
        state
            .pending()
            .add(
                new Pending(export.url().toString(), export.size(), export.md5(), attempts, error));
        log.accept(
            "not imported "
                + export.url()
                + ": "
                + error
                + " (attempt "
                + attempts
                + "; retried next poll)");
      }
      state.save(stateFile);
      if (outcome.receiverDown()) {
        break; // the next exports would fail the same way; they wait for the next poll
      }
    }
    return new Poll(imported, failed, false);
  }

  /**
   * Pending exports and the list's new ones, oldest first (GDELT names exports by their time). The
   * list's size and md5 win over a pending entry's: a corrected list must cure a bad md5.
   */
  static List<Listed> todo(FollowState state, List<Listed> listed) {
    Map<String, Listed> byUrl = new LinkedHashMap<>();
    for (Pending pending : state.pending()) {
      byUrl.put(
          pending.url(), new Listed(pending.size(), pending.md5(), URI.create(pending.url())));
    }
    for (Listed export : listed) {
      if (!state.isDone(export.url().toString())) {
        byUrl.put(export.url().toString(), export);
      }
    }
    return byUrl.values().stream()
        .filter(export -> !state.isDone(export.url().toString()))
        .sorted(Comparator.comparing(Listed::name).thenComparing(l -> l.url().toString()))
        .toList();
  }

  /** Error null: imported and recorded as done. {@code receiverDown}: ingest or Kafka gave up. */
  private record Outcome(String error, boolean receiverDown) {
    static Outcome failed(String error) {
      return new Outcome(error, false);
    }
  }

  private Outcome fetchAndImport(Listed export, FollowState state) throws InterruptedException {
    byte[] content;
    try {
      HttpResponse<byte[]> response =
          client.send(get(export.url()), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        return Outcome.failed("download answered " + response.statusCode());
      }
      content = response.body();
    } catch (IOException e) {
      return Outcome.failed("download failed: " + e.getMessage());
    }
    if (export.size() > 0 && content.length != export.size()) {
      return Outcome.failed(
          "size mismatch: the list says "
              + export.size()
              + " bytes, the download has "
              + content.length);
    }
    String md5 = md5(content);
    if (!md5.equalsIgnoreCase(export.md5())) {
      return Outcome.failed(
          "md5 mismatch: the list says " + export.md5() + ", the download has " + md5);
    }
    ImportReport report;
    try {
      report = importer.importExport(export.name(), content);
    } catch (IOException e) {
      return Outcome.failed("cannot read the export: " + e.getMessage());
    }
    reports.accept(report);
    if (report.getFailure() != null) {
      return new Outcome("import stopped: " + report.getFailure(), true);
    }
    state.pending().remove(state.pendingFor(export.url().toString()));
    state
        .done()
        .add(
            new Done(
                export.url().toString(),
                md5,
                clock.instant(),
                report.getRowsRead(),
                report.getEventsSent(),
                report.getRowsSkipped(),
                report.getRowsRefused()));
    return new Outcome(null, false);
  }

  private static HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET().build();
  }

  static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
