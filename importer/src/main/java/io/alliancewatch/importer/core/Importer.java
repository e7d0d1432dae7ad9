package io.alliancewatch.importer.core;

import io.alliancewatch.importer.report.ImportReport;
import io.alliancewatch.importer.report.ImportReport.RefusedEvent;
import io.alliancewatch.importer.send.EventSink;
import io.alliancewatch.importer.send.EventSink.Refusal;
import io.alliancewatch.importer.send.EventSink.SinkException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads source files line by line, maps each line, and sends the events in batches, recording in
 * the report what became of every line. Line numbers are physical (the header and blank lines keep
 * their number), so they match what an editor shows.
 */
public final class Importer {

  private final EventSink sink;
  private final int batchSize;
  private final ImportReport report;
  private final Progress.Factory progress;

  private final List<Entry> batch = new ArrayList<>();

  /** An event waiting in the batch, with the line it came from. */
  private record Entry(String file, long line, Payload payload) {}

  public Importer(EventSink sink, int batchSize, ImportReport report, Progress.Factory progress) {
    this.sink = sink;
    this.batchSize = batchSize;
    this.report = report;
    this.progress = progress;
  }

  /**
   * Imports every line of {@code file}. Throws when the sink gives up; the report then holds
   * everything done before.
   */
  public void importFile(SourceFile file, LineMapper mapper)
      throws IOException, SinkException, InterruptedException {
    long rows = 0;
    try (Progress bar =
            progress.start(file.label(), progress.wantsTotal() ? countLines(file) : -1);
        BufferedReader reader = reader(file.open())) {
      long lineNumber = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        lineNumber++;
        if (lineNumber == 1) {
          line = stripBom(line);
          if (mapper.isHeader(line)) {
            bar.step();
            continue;
          }
        }
        rows++;
        report.rowRead();
        LineOutcome outcome = mapper.map(line);
        if (outcome instanceof LineOutcome.Skip skip) {
          report.skipped(skip.reason(), file.label(), lineNumber, skip.detail());
        } else if (outcome instanceof LineOutcome.Send send) {
          if (!batch.isEmpty() && batch.size() + send.payloads().size() > batchSize) {
            flush(); // a row's events travel together, and no batch passes the size asked for
          }
          for (Payload payload : send.payloads()) {
            batch.add(new Entry(file.label(), lineNumber, payload));
          }
          if (batch.size() >= batchSize) {
            flush();
          }
        }
        bar.step();
      }
      flush();
    } finally {
      report.fileDone(file.label(), rows);
    }
  }

  /**
   * Sends what waits in the batch and books each event as taken or refused. When the sink gives up,
   * the batch's events are booked as refused with the reason, so no line goes unaccounted, and the
   * failure stops the run.
   */
  private void flush() throws SinkException, InterruptedException {
    if (batch.isEmpty()) {
      return;
    }
    List<Entry> entries = List.copyOf(batch);
    batch.clear();
    List<byte[]> documents = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      documents.add(entry.payload().json());
    }
    List<Refusal> refusals;
    try {
      refusals = sink.send(documents);
    } catch (SinkException e) {
      for (Entry entry : entries) {
        book(entry, "", "not delivered: " + e.getMessage());
      }
      throw e;
    }
    boolean[] refused = new boolean[entries.size()];
    for (Refusal refusal : refusals) {
      refused[refusal.index()] = true;
      book(entries.get(refusal.index()), refusal.pointer(), refusal.message());
    }
    for (int i = 0; i < entries.size(); i++) {
      if (!refused[i]) {
        report.sent(entries.get(i).payload().alliances(), entries.get(i).payload().type());
      }
    }
  }

  private void book(Entry entry, String pointer, String message) {
    report.refused(
        new RefusedEvent(
            entry.file(),
            entry.line(),
            entry.payload().alliances(),
            entry.payload().type(),
            pointer,
            message));
  }

  static BufferedReader reader(InputStream in) {
    // a stray invalid byte becomes U+FFFD instead of stopping the import
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  /** Lines in the file, for the progress bar's ETA. */
  static long countLines(SourceFile file) throws IOException {
    try (InputStream in = file.open()) {
      byte[] buffer = new byte[1 << 16];
      long lines = 0;
      int last = '\n';
      for (int n; (n = in.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
        last = buffer[n - 1];
      }
      return last == '\n' ? lines : lines + 1;
    }
  }
}
