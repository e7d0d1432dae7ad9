package io.alliancewatch.importer.core;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A text file to import, plain or one entry of a zip archive (GDELT serves {@code
 * *.export.CSV.zip}). Zips are recognised by their content, not their name.
 */
public record SourceFile(String label, Opener opener) {

  /** Opens the content afresh: counting lines for the progress bar reads it once more. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  public InputStream open() throws IOException {
    return opener.open();
  }

  /** The file at {@code path}, or each file entry of it when it is a zip. */
  public static List<SourceFile> of(Path path) throws IOException {
    String name = path.getFileName().toString();
    return entries(name, () -> new BufferedInputStream(Files.newInputStream(path), 1 << 16));
  }

  /** Content fetched into memory (the follower's downloads). */
  public static List<SourceFile> of(String name, byte[] content) throws IOException {
    return entries(name, () -> new ByteArrayInputStream(content));
  }

  private static List<SourceFile> entries(String name, Opener opener) throws IOException {
    if (!isZip(opener)) {
      return List.of(new SourceFile(name, opener));
    }
    List<SourceFile> files = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(opener.open())) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        if (!entry.isDirectory()) {
          String entryName = entry.getName();
          files.add(new SourceFile(name + "!" + entryName, () -> openEntry(opener, entryName)));
        }
      }
    }
    if (files.isEmpty()) {
      throw new IOException(name + " is a zip archive without any file in it");
    }
    return files;
  }

  private static boolean isZip(Opener opener) throws IOException {
    try (InputStream in = opener.open()) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4
          && magic[0] == 'P'
          && magic[1] == 'K'
          && magic[2] == 3
          && magic[3] == 4;
    }
  }

  private static InputStream openEntry(Opener opener, String entryName) throws IOException {
    ZipInputStream zip = new ZipInputStream(opener.open());
    for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
      if (entry.getName().equals(entryName)) {
        return zip;
      }
    }
    zip.close();
    throw new IOException("zip entry " + entryName + " vanished");
  }
}
