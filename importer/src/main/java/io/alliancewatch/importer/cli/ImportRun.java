package io.alliancewatch.importer.cli;

import io.alliancewatch.contracts.AllianceDirectory;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.importer.core.Alliances;
import io.alliancewatch.importer.core.Importer;
import io.alliancewatch.importer.core.LineMapper;
import io.alliancewatch.importer.core.SourceFile;
import io.alliancewatch.importer.report.ImportReport;
import io.alliancewatch.importer.report.SummaryText;
import io.alliancewatch.importer.send.AccessRefused;
import io.alliancewatch.importer.send.EventSink;
import io.alliancewatch.importer.send.EventSink.SinkException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** One import from the command line: files in, events out, a summary, an exit code. */
final class ImportRun {

  /** Exit codes, also listed in {@code --help}. */
  static final int OK = 0;

  static final int SOME_REFUSED = 1;
  static final int USAGE = 2;
  static final int STOPPED = 3;
  static final int ACCESS_REFUSED = 4;

  private ImportRun() {}

  static int run(
      String source,
      List<Path> files,
      Function<AllianceDirectory, LineMapper> mapperFor,
      SendOptions options,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    try {
      options.check();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return USAGE;
    }
    for (Path file : files) {
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        err.println("cannot read " + file + ": no such file, or not a readable file");
        return USAGE;
      }
    }
    ImportReport report = new ImportReport(source);
    HttpClient client = SendOptions.httpClient();
    AccessRefused refused = null;
    try {
      Alliances alliances = options.loadAlliances(client, err);
      LineMapper mapper = mapperFor.apply(alliances.directory());
      try (EventSink sink = options.sink(client, alliances, err)) {
        report.describe(sink.description(), alliances.origin());
        Importer importer =
            new Importer(sink, options.batchSize, report, options.progress(System.err));
        for (Path path : files) {
          for (SourceFile file : SourceFile.of(path)) {
            importer.importFile(file, mapper);
          }
        }
      }
    } catch (AccessRefused e) {
      report.failed(e.getMessage());
      refused = e;
    } catch (SinkException | IOException | RuntimeException e) {
      report.failed(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    print(report, options.json, out);
    if (refused != null) {
      err.println(refused.advice(sourceHint(source)));
      err.flush();
      return ACCESS_REFUSED;
    }
    if (report.getFailure() != null) {
      return STOPPED;
    }
    return report.getEventsRefused() > 0 ? SOME_REFUSED : OK;
  }

  /** What to write after {@code --source} in advice: the mapping's source, or a placeholder. */
  static String sourceHint(String source) {
    return "ndjson".equals(source) ? "SRC" : source;
  }

  static void print(ImportReport report, boolean json, PrintWriter out) {
    if (json) {
      try {
        out.println(Json.mapper().writeValueAsString(report));
      } catch (IOException e) {
        throw new IllegalStateException("cannot write the report as JSON", e);
      }
    } else {
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      try (PrintStream stream = new PrintStream(text, true, StandardCharsets.UTF_8)) {
        SummaryText.print(report, stream);
      }
      out.print(text.toString(StandardCharsets.UTF_8));
    }
    out.flush();
  }
}
