package io.alliancewatch.importer.cli;

import io.alliancewatch.importer.gdelt.GdeltMapper;
import io.alliancewatch.importer.nato.NatoSpendingMapper;
import io.alliancewatch.importer.ndjson.NdjsonPassThrough;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code alliance-watch import SOURCE FILE...} */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import a file of indicators from an external source, then print what became of every row.",
    synopsisSubcommandLabel = "(nato-spending | gdelt | ndjson)",
    subcommands = {
      ImportCommand.NatoSpending.class,
      ImportCommand.Gdelt.class,
      ImportCommand.Ndjson.class
    })
final class ImportCommand {

  @Command(
      name = "nato-spending",
      mixinStandardHelpOptions = true,
      description = {
        "Import NATO's defence expenditure CSV (columns country,year,pct_gdp).",
        "Each row becomes one DEFENSE_SPENDING event for NATO: source nato-dex, id COUNTRY-YEAR,"
            + " occurredAt 31 December of the year."
      })
  static final class NatoSpending implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The CSV, e.g. nato-defence-expenditure.csv.")
    Path file;

    @Mixin SendOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      return ImportRun.run(
          NatoSpendingMapper.SOURCE,
          List.of(file),
          directory -> new NatoSpendingMapper(),
          options,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }

  @Command(
      name = "gdelt",
      mixinStandardHelpOptions = true,
      description = {
        "Import GDELT 2.0 event exports (61 tab-separated columns, no header), plain or zipped.",
        "Rows between members of an alliance, or from an outside country against one, become"
            + " events by the CAMEO tables of sources.md; every other row is counted under its"
            + " skip reason (malformed, no country, not an alliance matter, unmapped code)."
      })
  static final class Gdelt implements Callable<Integer> {
    @Parameters(
        paramLabel = "FILE",
        arity = "1..*",
        description = "Exports such as 20191024143000.export.CSV or its .zip.")
    List<Path> files;

    @Mixin SendOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      return ImportRun.run(
          GdeltMapper.SOURCE,
          files,
          GdeltMapper::new,
          options,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }

  @Command(
      name = "ndjson",
      mixinStandardHelpOptions = true,
      description = {
        "Import indicator events already in the contract's JSON, one per line.",
        "Lines are sent exactly as written; ingest judges them and refusals are reported by"
            + " line number. Blank lines are counted as skipped."
      })
  static final class Ndjson implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A file of indicator JSON, one event a line.")
    Path file;

    @Mixin SendOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      return ImportRun.run(
          "ndjson",
          List.of(file),
          NdjsonPassThrough::new,
          options,
          spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }
}
