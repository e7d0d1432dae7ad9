package io.alliancewatch.importer.follow;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * GDELT's {@code lastupdate.txt} (or {@code masterfilelist.txt}): lines of {@code size md5 url}.
 * Only event exports are kept; the mentions and GKG files listed beside them are not events.
 */
public final class UpdateList {

  private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");

  private UpdateList() {}

  /** A file the list offers. */
  public record Listed(long size, String md5, URI url) {
    /** The last path segment, e.g. {@code 20191024143000.export.CSV.zip}. */
    public String name() {
      String path = url.getPath();
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  /** The exports listed, in list order; lines that are not {@code size md5 url} are reported. */
  public static List<Listed> exports(String text, URI listUrl, List<String> problems) {
    List<Listed> exports = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 3
          || !parts[0].matches("[0-9]{1,15}")
          || !MD5.matcher(parts[1]).matches()) {
        problems.add("line " + (i + 1) + " of " + listUrl + " is not 'size md5 url': " + line);
        continue;
      }
      URI url;
      try {
        url = listUrl.resolve(parts[2]);
      } catch (IllegalArgumentException e) {
        problems.add("line " + (i + 1) + " of " + listUrl + " has an invalid URL: " + parts[2]);
        continue;
      }
      if (isExport(url)) {
        exports.add(new Listed(Long.parseLong(parts[0]), parts[1].toLowerCase(Locale.ROOT), url));
      }
    }
    return exports;
  }

  static boolean isExport(URI url) {
    String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
    return path.endsWith(".export.csv.zip") || path.endsWith(".export.csv");
  }
}
