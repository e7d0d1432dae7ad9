package io.alliancewatch.importer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds GDELT 2.0 export lines in the real 61-column format: it starts from the first row of the
 * real export in test resources and changes only the columns a test names.
 */
public final class GdeltLine {

  private static final String[] TEMPLATE = firstRealRow();

  private final String[] columns = TEMPLATE.clone();

  private GdeltLine() {}

  /** A row of the real export with actors {@code a1 -> a2} and CAMEO code {@code code}. */
  public static GdeltLine event(String id, String a1, String a2, String code) {
    GdeltLine line = new GdeltLine();
    return line.id(id).actor1(a1 + " NAME", a1).actor2(a2 + " NAME", a2).code(code);
  }

  public GdeltLine id(String id) {
    return set(0, id);
  }

  public GdeltLine actor1(String name, String country) {
    return set(6, name).set(7, country);
  }

  public GdeltLine actor2(String name, String country) {
    return set(16, name).set(17, country);
  }

  /** EventCode, and the base and root codes GDELT derives from it. */
  public GdeltLine code(String code) {
    return set(26, code)
        .set(27, code.substring(0, Math.min(3, code.length())))
        .set(28, code.substring(0, Math.min(2, code.length())));
  }

  public GdeltLine goldstein(String value) {
    return set(30, value);
  }

  public GdeltLine numSources(String value) {
    return set(32, value);
  }

  public GdeltLine dateAdded(String value) {
    return set(59, value);
  }

  public GdeltLine sqlDate(String value) {
    return set(1, value);
  }

  public GdeltLine url(String value) {
    return set(60, value);
  }

  public GdeltLine set(int column, String value) {
    columns[column] = value;
    return this;
  }

  @Override
  public String toString() {
    return String.join("\t", columns);
  }

  private static String[] firstRealRow() {
    try (InputStream in = GdeltLine.class.getResourceAsStream("/gdelt/real.export.CSV")) {
      String text = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
      String[] columns = text.substring(0, text.indexOf('\n')).split("\t", -1);
      if (columns.length != 61) {
        throw new IllegalStateException("the real export's first row has " + columns.length);
      }
      return columns;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
