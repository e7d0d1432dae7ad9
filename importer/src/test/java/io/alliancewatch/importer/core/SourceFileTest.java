package io.alliancewatch.importer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class SourceFileTest {

  @Test
  void givenAZipWithTwoFiles_whenOpened_thenEachEntryIsAFileOfItsOwn() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("a.CSV"));
      zip.write("first\n".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("dir/"));
      zip.putNextEntry(new ZipEntry("dir/b.CSV"));
      zip.write("second\nthird".getBytes(StandardCharsets.UTF_8));
    }

    List<SourceFile> files = SourceFile.of("both.zip", bytes.toByteArray());

    assertThat(files)
        .extracting(SourceFile::label)
        .containsExactly("both.zip!a.CSV", "both.zip!dir/b.CSV");
    assertThat(new String(files.get(1).open().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("second\nthird");
    assertThat(Importer.countLines(files.get(1))).isEqualTo(2);
  }

  @Test
  void givenPlainText_whenOpened_thenItIsOneFileWhateverItsName() throws Exception {
    List<SourceFile> files = SourceFile.of("x.zip", "just text\n".getBytes(StandardCharsets.UTF_8));

    assertThat(files).extracting(SourceFile::label).containsExactly("x.zip");
    assertThat(Importer.countLines(files.get(0))).isEqualTo(1);
  }
}
