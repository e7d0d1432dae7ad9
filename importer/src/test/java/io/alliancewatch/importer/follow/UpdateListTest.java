package io.alliancewatch.importer.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.importer.follow.UpdateList.Listed;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateListTest {

  static final URI LIST = URI.create("http://data.gdeltproject.org/gdeltv2/lastupdate.txt");

  @Test
  void givenGdeltsLastUpdateFormat_whenRead_thenOnlyTheEventExportIsKept() {
    String text =
        "150383 297a16b493de7cf6ca809a7cc31d0b93"
            + " http://data.gdeltproject.org/gdeltv2/20191024143000.export.CSV.zip\n"
            + "318084 bb27f78ba45f69a17ea6ed7755e9f8ff"
            + " http://data.gdeltproject.org/gdeltv2/20191024143000.mentions.CSV.zip\n"
            + "10768507 ea8dde0beb0ba98810a92db068c0ce99"
            + " http://data.gdeltproject.org/gdeltv2/20191024143000.gkg.csv.zip\n";
    List<String> problems = new ArrayList<>();

    List<Listed> exports = UpdateList.exports(text, LIST, problems);

    assertThat(exports)
        .containsExactly(
            new Listed(
                150383,
                "297a16b493de7cf6ca809a7cc31d0b93",
                URI.create("http://data.gdeltproject.org/gdeltv2/20191024143000.export.CSV.zip")));
    assertThat(exports.get(0).name()).isEqualTo("20191024143000.export.CSV.zip");
    assertThat(problems).isEmpty();
  }

  @Test
  void givenBrokenLinesAndARelativeUrl_whenRead_thenBrokenLinesAreReportedAndTheUrlResolved() {
    String text =
        "not a list line\n\n12 ABCDEF0123456789ABCDEF0123456789 20191024144500.export.CSV.zip\r\n"
            + "12 nothex 20191024150000.export.CSV.zip\n";
    List<String> problems = new ArrayList<>();

    List<Listed> exports = UpdateList.exports(text, LIST, problems);

    assertThat(exports)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.url().toString())
                  .isEqualTo("http://data.gdeltproject.org/gdeltv2/20191024144500.export.CSV.zip");
              assertThat(e.md5()).isEqualTo("abcdef0123456789abcdef0123456789");
            });
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("line 1 ");
    assertThat(problems.get(1)).startsWith("line 4 ");
  }
}
