package io.alliancewatch.importer.report;

import io.alliancewatch.importer.report.ImportReport.RefusedEvent;
import io.alliancewatch.importer.report.ImportReport.SkippedLine;
import io.alliancewatch.importer.report.LineRanges.At;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The summary a person reads at the end of an import. Every line starts with a fixed label so
 * scripts can pick figures out of it too; {@code --json} gives the complete report instead.
 */
public final class SummaryText {

  static final int MAX_RANGES = 12;
  static final int MAX_EXAMPLES = 3;
  static final int MAX_REFUSED = 50;

  private SummaryText() {}

  public static void print(ImportReport report, PrintStream out) {
    out.println("source:        " + report.getSource());
    out.println("destination:   " + report.getDestination());
    out.println("alliances:     " + report.getAlliances());
    for (ImportReport.FileRows file : report.getFiles()) {
      out.println("file:          " + file.file() + " (" + file.rows() + " rows)");
    }
    out.println("rows read:     " + report.getRowsRead());
    out.println("rows mapped:   " + report.getRowsWithEvents());
    out.println("events sent:   " + report.getEventsSent());
    for (Map.Entry<String, Map<String, Long>> alliance : report.getSent().entrySet()) {
      for (Map.Entry<String, Long> type : alliance.getValue().entrySet()) {
        out.printf("  %-8s %-24s %8d%n", alliance.getKey(), type.getKey(), type.getValue());
      }
    }
    out.println("rows skipped:  " + report.getRowsSkipped());
    for (Map.Entry<String, List<SkippedLine>> reason : report.getSkipped().entrySet()) {
      List<SkippedLine> lines = reason.getValue();
      out.printf(
          "  %-24s %8d  lines %s%n",
          reason.getKey(),
          lines.size(),
          LineRanges.format(
              lines.stream().map(l -> new At(l.file(), l.line())).toList(), MAX_RANGES));
      for (SkippedLine line : lines.subList(0, Math.min(MAX_EXAMPLES, lines.size()))) {
        out.println("      " + line.file() + ":" + line.line() + " " + line.detail());
      }
    }
    out.println(
        "rows refused:  "
            + report.getRowsRefused()
            + " ("
            + report.getEventsRefused()
            + " events)");
    List<RefusedEvent> refused = report.getRefused();
    for (RefusedEvent event : refused.subList(0, Math.min(MAX_REFUSED, refused.size()))) {
      out.println(
          "  "
              + event.file()
              + ":"
              + event.line()
              + " "
              + String.join(",", event.alliances())
              + " "
              + event.type()
              + " "
              + (event.pointer().isEmpty() ? "" : event.pointer() + " ")
              + event.message());
    }
    if (refused.size() > MAX_REFUSED) {
      out.println("  ... and " + (refused.size() - MAX_REFUSED) + " more (--json lists every one)");
    }
    if (report.getFailure() != null) {
      out.println("stopped early: " + report.getFailure());
    }
  }
}
