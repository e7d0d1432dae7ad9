package io.alliancewatch.importer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BarProgressTest {

  @Test
  void givenNoTerminal_whenAFileIsImported_thenProgressIsPlainLinesWithCountsAndSpeed() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    try (Progress progress = new BarProgress(false, err, 50).start("real.export.CSV", 3)) {
      progress.step();
      progress.step();
      progress.step();
    }

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\r");
    assertThat(text.lines().toList()).isNotEmpty().allMatch(l -> l.startsWith("real.export.CSV"));
    assertThat(text.lines().reduce((a, b) -> b).orElseThrow())
        .contains("100%")
        .contains("3/3 rows")
        .contains("rows/s");
  }
}
