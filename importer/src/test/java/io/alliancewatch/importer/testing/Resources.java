package io.alliancewatch.importer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test resources copied to files, plain or zipped as GDELT serves them. */
public final class Resources {

  private Resources() {}

  public static Path copy(String resource, Path dir) {
    Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    try (InputStream in = Resources.class.getResourceAsStream(resource)) {
      Files.write(target, in.readAllBytes());
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(String resource) {
    try (InputStream in = Resources.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A zip holding one entry {@code entryName} with {@code content}. */
  public static byte[] zip(String entryName, byte[] content) {
    try (var bytes = new java.io.ByteArrayOutputStream();
        var zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(entryName));
      zip.write(content);
      zip.closeEntry();
      zip.finish();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
