package io.alliancewatch.importer.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Line numbers as a reader wants them: {@code real.export.CSV:1-3, 7, 9-12}. */
final class LineRanges {

  private LineRanges() {}

  /** A reference to one line of one file. */
  record At(String file, long line) {}

  /**
   * The lines, grouped by file in first-seen order, runs of consecutive lines joined; at most
   * {@code maxRanges} ranges, then how many lines were left out.
   */
  static String format(List<At> lines, int maxRanges) {
    Map<String, List<Long>> byFile = new LinkedHashMap<>();
    for (At at : lines) {
      byFile.computeIfAbsent(at.file(), f -> new ArrayList<>()).add(at.line());
    }
    List<String> parts = new ArrayList<>();
    int ranges = 0;
    long shown = 0;
    for (Map.Entry<String, List<Long>> file : byFile.entrySet()) {
      List<Long> numbers = file.getValue().stream().distinct().sorted().toList();
      List<String> fileRanges = new ArrayList<>();
      for (int i = 0; i < numbers.size() && ranges < maxRanges; ) {
        int j = i;
        while (j + 1 < numbers.size() && numbers.get(j + 1) == numbers.get(j) + 1) {
          j++;
        }
        fileRanges.add(
            i == j ? String.valueOf(numbers.get(i)) : numbers.get(i) + "-" + numbers.get(j));
        shown += j - i + 1;
        ranges++;
        i = j + 1;
      }
      if (!fileRanges.isEmpty()) {
        parts.add(file.getKey() + ":" + String.join(", ", fileRanges));
      }
    }
    long total = byFile.values().stream().mapToLong(l -> l.stream().distinct().count()).sum();
    String text = String.join("; ", parts);
    return shown < total ? text + " ... and " + (total - shown) + " more lines" : text;
  }
}
