package io.alliancewatch.importer.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.importer.report.LineRanges.At;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LineRangesTest {

  @Test
  void givenConsecutiveAndSingleLines_whenFormatted_thenRunsAreJoined() {
    List<At> lines =
        List.of(at("a", 1), at("a", 2), at("a", 3), at("a", 7), at("a", 9), at("a", 10));

    assertThat(LineRanges.format(lines, 10)).isEqualTo("a:1-3, 7, 9-10");
  }

  @Test
  void givenTwoFiles_whenFormatted_thenEachFileHasItsOwnLines() {
    assertThat(LineRanges.format(List.of(at("a", 5), at("b", 5), at("b", 6)), 10))
        .isEqualTo("a:5; b:5-6");
  }

  @Test
  void givenMoreRangesThanShown_whenFormatted_thenItSaysHowManyLinesAreLeftOut() {
    List<At> everyOther =
        LongStream.rangeClosed(1, 20).map(n -> n * 2).mapToObj(n -> at("f", n)).toList();

    assertThat(LineRanges.format(everyOther, 3)).isEqualTo("f:2, 4, 6 ... and 17 more lines");
  }

  private static At at(String file, long line) {
    return new At(file, line);
  }
}
