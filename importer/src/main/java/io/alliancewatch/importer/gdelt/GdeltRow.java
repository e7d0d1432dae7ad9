package io.alliancewatch.importer.gdelt;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * The columns of one GDELT 2.0 export line that the mapping reads, parsed. {@link #parse} either
 * gives a row or throws {@link Malformed} with what is wrong, in words a user can check in the
 * file.
 */
public record GdeltRow(
    String globalEventId,
    String actor1Name,
    String actor1Country,
    String actor2Name,
    String actor2Country,
    String eventCode,
    String eventBaseCode,
    int eventRootCode,
    double goldsteinScale,
    long numSources,
    Instant dateAdded,
    String sourceUrl) {

  /** GDELT 2.0 exports have exactly this many tab-separated columns. */
  public static final int COLUMNS = 61;

  static final int GLOBALEVENTID = 0;
  static final int ACTOR1_NAME = 6;
  static final int ACTOR1_COUNTRY = 7;
  static final int ACTOR2_NAME = 16;
  static final int ACTOR2_COUNTRY = 17;
  static final int EVENT_CODE = 26;
  static final int EVENT_BASE_CODE = 27;
  static final int EVENT_ROOT_CODE = 28;
  static final int GOLDSTEIN_SCALE = 30;
  static final int NUM_SOURCES = 32;
  static final int DATEADDED = 59;
  static final int SOURCEURL = 60;

  // a plain decimal: Double.parseDouble would also take "NaN", "Infinity", "1d" and hex floats
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
  private static final Pattern COUNT = Pattern.compile("[0-9]{1,18}");
  private static final DateTimeFormatter DATEADDED_FORMAT =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

  /** Why a line cannot be read as a GDELT row. */
  public static final class Malformed extends Exception {
    public Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads one line (without its line break). */
  public static GdeltRow parse(String line) throws Malformed {
    String[] c = split(line);
    if (c == null) {
      throw new Malformed(
          "has " + countColumns(line) + " tab-separated columns, expected " + COLUMNS);
    }
    if (c[GLOBALEVENTID].isBlank()) {
      throw new Malformed("GLOBALEVENTID (column 0) is blank");
    }
    return new GdeltRow(
        c[GLOBALEVENTID],
        c[ACTOR1_NAME],
        c[ACTOR1_COUNTRY],
        c[ACTOR2_NAME],
        c[ACTOR2_COUNTRY],
        c[EVENT_CODE],
        c[EVENT_BASE_CODE],
        rootCode(c[EVENT_ROOT_CODE]),
        goldstein(c[GOLDSTEIN_SCALE]),
        numSources(c[NUM_SOURCES]),
        dateAdded(c[DATEADDED]),
        c[SOURCEURL]);
  }

  /** The columns the mapping reads, as a 61-slot array; null when the line has another count. */
  private static String[] split(String line) {
    String[] columns = new String[COLUMNS];
    int start = 0;
    for (int i = 0; i < COLUMNS - 1; i++) {
      int tab = line.indexOf('\t', start);
      if (tab < 0) {
        return null;
      }
      if (USED[i]) {
        // only a dozen of the 61 columns become strings: this is the importer's hot loop
        columns[i] = line.substring(start, tab);
      }
      start = tab + 1;
    }
    if (line.indexOf('\t', start) >= 0) {
      return null;
    }
    columns[COLUMNS - 1] = line.substring(start);
    return columns;
  }

  private static final boolean[] USED = used();

  private static boolean[] used() {
    boolean[] used = new boolean[COLUMNS];
    for (int column :
        new int[] {
          GLOBALEVENTID, ACTOR1_NAME, ACTOR1_COUNTRY, ACTOR2_NAME, ACTOR2_COUNTRY, EVENT_CODE,
          EVENT_BASE_CODE, EVENT_ROOT_CODE, GOLDSTEIN_SCALE, NUM_SOURCES, DATEADDED, SOURCEURL
        }) {
      used[column] = true;
    }
    return used;
  }

  private static int countColumns(String line) {
    int count = 1;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '\t') {
        count++;
      }
    }
    return count;
  }

  private static int rootCode(String text) throws Malformed {
    if (!DIGITS.matcher(text).matches()) {
      throw new Malformed("EventRootCode (column 28) '" + text + "' is not a number");
    }
    return Integer.parseInt(text);
  }

  private static double goldstein(String text) throws Malformed {
    if (!DECIMAL.matcher(text).matches()) {
      throw new Malformed(
          "GoldsteinScale (column 30) '"
              + text
              + "' is not a number"
              + (text.isEmpty() ? " (blank)" : ""));
    }
    double value = Double.parseDouble(text);
    if (!Double.isFinite(value)) {
      throw new Malformed("GoldsteinScale (column 30) '" + text + "' is out of range");
    }
    return value;
  }

  private static long numSources(String text) throws Malformed {
    if (text.isEmpty()) {
      return 0; // sources.md: blank NumSources counts as 0
    }
    if (!COUNT.matcher(text).matches()) {
      throw new Malformed("NumSources (column 32) '" + text + "' is not a whole number");
    }
    return Long.parseLong(text);
  }

  private static Instant dateAdded(String text) throws Malformed {
    try {
      if (text.length() != 14) {
        throw new DateTimeParseException("length", text, 0);
      }
      return LocalDateTime.parse(text, DATEADDED_FORMAT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new Malformed(
          "DATEADDED (column 59) '" + text + "' is not a UTC time as YYYYMMDDHHMMSS");
    }
  }
}
