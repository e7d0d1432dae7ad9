package io.alliancewatch.importer.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run did, line by line: nothing read is left out. Rows read = rows that gave events +
 * rows skipped; events sent are those the receiver took, and every event it refused is listed with
 * its line.
 */
@JsonPropertyOrder({
  "source",
  "destination",
  "alliances",
  "files",
  "rowsRead",
  "rowsWithEvents",
  "eventsSent",
  "sent",
  "rowsSkipped",
  "skipped",
  "rowsRefused",
  "eventsRefused",
  "refused",
  "failure"
})
public final class ImportReport {

  /** A line of a file that gave no event, and why. */
  public record SkippedLine(String file, long line, String detail) {}

  /** An event the receiver refused, with the line it came from. */
  public record RefusedEvent(
      String file,
      long line,
      List<String> alliances,
      String type,
      String pointer,
      String message) {}

  /** A file of the run and its count of rows. */
  public record FileRows(String file, long rows) {}

  private final String source;
  private String destination = "";
  private String alliances = "";
  private final List<FileRows> files = new ArrayList<>();
  private long rowsRead;
  private final Map<String, Map<String, Long>> sent = new TreeMap<>();
  private final Map<String, List<SkippedLine>> skipped = new TreeMap<>();
  private final List<RefusedEvent> refused = new ArrayList<>();
  private String failure;

  public ImportReport(String source) {
    this.source = source;
  }

  public void fileDone(String file, long rows) {
    files.add(new FileRows(file, rows));
  }

  public void rowRead() {
    rowsRead++;
  }

  public void skipped(String reason, String file, long line, String detail) {
    skipped
        .computeIfAbsent(reason, r -> new ArrayList<>())
        .add(new SkippedLine(file, line, detail));
  }

  public void sent(List<String> alliancesOfEvent, String type) {
    for (String alliance : alliancesOfEvent) {
      sent.computeIfAbsent(alliance, a -> new TreeMap<>()).merge(type, 1L, Long::sum);
    }
  }

  public void refused(RefusedEvent event) {
    refused.add(event);
  }

  public void failed(String why) {
    this.failure = why;
  }

  public void describe(String destination, String alliances) {
    this.destination = destination;
    this.alliances = alliances;
  }

  public String getSource() {
    return source;
  }

  public String getDestination() {
    return destination;
  }

  public String getAlliances() {
    return alliances;
  }

  public List<FileRows> getFiles() {
    return files;
  }

  public long getRowsRead() {
    return rowsRead;
  }

  /** Rows that gave at least one event: rows read are these plus the rows skipped. */
  public long getRowsWithEvents() {
    return rowsRead - getRowsSkipped();
  }

  /** Events taken by the receiver, counted once per alliance they went to. */
  public long getEventsSent() {
    return sent.values().stream()
        .flatMap(m -> m.values().stream())
        .mapToLong(Long::longValue)
        .sum();
  }

  /** Alliance, then type, to the count of events taken. */
  public Map<String, Map<String, Long>> getSent() {
    return sent;
  }

  public long getRowsSkipped() {
    return skipped.values().stream().mapToLong(List::size).sum();
  }

  /** Reason to the lines skipped for it, in file order. */
  public Map<String, List<SkippedLine>> getSkipped() {
    return skipped;
  }

  /** Distinct lines with at least one refused event. */
  public long getRowsRefused() {
    return refused.stream().map(r -> r.file() + "\n" + r.line()).distinct().count();
  }

  public long getEventsRefused() {
    return refused.size();
  }

  public List<RefusedEvent> getRefused() {
    return refused;
  }

  /** Why the run stopped early, or null when it read everything. */
  public String getFailure() {
    return failure;
  }
}
