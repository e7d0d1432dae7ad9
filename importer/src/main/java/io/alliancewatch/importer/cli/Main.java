package io.alliancewatch.importer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The {@code alliance-watch} command line. */
@Command(
    name = "alliance-watch",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Feed Alliance Watch with indicator events from external sources.",
    synopsisSubcommandLabel = "(import | follow | token | help)",
    subcommands = {ImportCommand.class, FollowCommand.class, TokenCommand.class, HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every row was sent or skipped by the mapping (skips are listed in the summary)",
      "1:ingest refused some events (listed with their line numbers)",
      "2:usage error, or a file cannot be read",
      "3:stopped early: ingest or Kafka unreachable after retries (the summary says how far it got)",
      "4:ingest refused the token (401: none, expired or not trusted) or its rights (403);"
          + " make one with ./alliance-watch token"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ./alliance-watch import nato-spending nato-defence-expenditure.csv",
      "  ./alliance-watch import gdelt 20191024143000.export.CSV.zip",
      "  ./alliance-watch import gdelt *.export.CSV --to-raw-topic",
      "  ./alliance-watch import ndjson events.ndjson --json",
      "  ./alliance-watch follow gdelt --state gdelt-state.json",
      "  export ALLIANCE_WATCH_TOKEN=$(./alliance-watch token --role feeder --source gdelt)",
      "",
      "Run 'alliance-watch help import gdelt' (or any command with --help) for its options."
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also for tests that run it in-process. */
  public static CommandLine commandLine() {
    // Kafka's client logs through SLF4J; with no binding on the classpath it would warn on every
    // run
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpAutoWidth(true);
    return cli;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "alliance-watch importer " + (version == null ? "(development)" : version)
      };
    }
  }
}
