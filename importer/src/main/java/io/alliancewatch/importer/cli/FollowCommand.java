package io.alliancewatch.importer.cli;

import io.alliancewatch.importer.core.Alliances;
import io.alliancewatch.importer.core.Importer;
import io.alliancewatch.importer.core.Progress;
import io.alliancewatch.importer.core.SourceFile;
import io.alliancewatch.importer.follow.GdeltFollower;
import io.alliancewatch.importer.gdelt.GdeltMapper;
import io.alliancewatch.importer.report.ImportReport;
import io.alliancewatch.importer.send.AccessRefused;
import io.alliancewatch.importer.send.EventSink;
import io.alliancewatch.importer.send.EventSink.SinkException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code alliance-watch follow gdelt --list-url URL} */
@Command(
    name = "follow",
    mixinStandardHelpOptions = true,
    description = "Follow a live source and import what it publishes.",
    synopsisSubcommandLabel = "gdelt",
    subcommands = FollowCommand.Gdelt.class)
final class FollowCommand {

  @Command(
      name = "gdelt",
      mixinStandardHelpOptions = true,
      description = {
        "Poll GDELT's update list, fetch each new event export once, check its size and md5,"
            + " import it, and remember it in the state file.",
        "A restart neither skips nor repeats a file: an export is marked done only once imported,"
            + " and one that failed (a bad md5, ingest down) is retried on later polls even after"
            + " the list has moved on. Prints one line per export (one JSON report with --json)."
      })
  static final class Gdelt implements Callable<Integer> {

    @Option(
        names = "--list-url",
        paramLabel = "URL",
        defaultValue = "http://data.gdeltproject.org/gdeltv2/lastupdate.txt",
        description =
            "The list of 'size md5 url' lines (default: ${DEFAULT-VALUE}); masterfilelist.txt works"
                + " too, and then imports every export it names.")
    URI listUrl;

    @Option(
        names = "--state",
        paramLabel = "FILE",
        defaultValue = "gdelt-follow-state.json",
        description = "Where progress is kept between runs (default: ${DEFAULT-VALUE}).")
    Path stateFile;

    @Option(
        names = "--interval",
        paramLabel = "DURATION",
        defaultValue = "1m",
        converter = Durations.class,
        description = "Time between polls; GDELT publishes every 15m (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--once", description = "Poll once, import what is new, and exit (for cron).")
    boolean once;

    @Mixin SendOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        options.check();
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return ImportRun.USAGE;
      }
      HttpClient client = SendOptions.httpClient();
      GdeltFollower follower =
          new GdeltFollower(
              client,
              listUrl,
              stateFile,
              (name, content) -> importExport(client, name, content, err),
              line -> {
                err.println(line);
                err.flush();
              },
              report -> printReport(report, out),
              Clock.systemUTC());
      try {
        if (once) {
          GdeltFollower.Poll poll = follower.pollOnce();
          return poll.failed() > 0 || poll.listUnavailable() ? ImportRun.STOPPED : ImportRun.OK;
        }
        err.println("following " + listUrl + " every " + interval + "; state in " + stateFile);
        err.flush();
        follower.run(interval);
        return ImportRun.OK;
      } catch (StopFollowing stop) {
        err.println(stop.refused.advice(GdeltMapper.SOURCE));
        err.println("the export stays to do in " + stateFile + "; run again with a new token");
        return ImportRun.ACCESS_REFUSED;
      } catch (IOException e) {
        // only the state file fails this way: without it the follower cannot know what it did
        err.println("cannot use the state file " + stateFile + ": " + e.getMessage());
        return ImportRun.STOPPED;
      }
    }

    private ImportReport importExport(
        HttpClient client, String name, byte[] content, PrintWriter err)
        throws IOException, InterruptedException {
      ImportReport report = new ImportReport(GdeltMapper.SOURCE);
      try {
        // the registry is read for each export: members may have joined since the last one
        Alliances alliances = options.loadAlliances(client, err);
        try (EventSink sink = options.sink(client, alliances, err)) {
          report.describe(sink.description(), alliances.origin());
          Importer importer = new Importer(sink, options.batchSize, report, Progress.NONE);
          for (SourceFile file : SourceFile.of(name, content)) {
            importer.importFile(file, new GdeltMapper(alliances.directory()));
          }
        }
      } catch (AccessRefused e) {
        // every later export would be refused the same way, and a running follower cannot be
        // given a new token: stop, leaving this export to do
        report.failed(e.getMessage());
        printReport(report, spec.commandLine().getOut());
        throw new StopFollowing(e);
      } catch (SinkException | RuntimeException e) {
        report.failed(e.getMessage() == null ? e.toString() : e.getMessage());
      }
      return report;
    }

    /** Thrown through the follower, which records nothing for the export it was importing. */
    private static final class StopFollowing extends RuntimeException {
      final AccessRefused refused;

      StopFollowing(AccessRefused refused) {
        super(refused.getMessage(), null, false, false);
        this.refused = refused;
      }
    }

    private void printReport(ImportReport report, PrintWriter out) {
      if (options.json) {
        ImportRun.print(report, true, out);
        return;
      }
      String files = String.join(", ", report.getFiles().stream().map(f -> f.file()).toList());
      out.println(
          "imported "
              + files
              + ": rows read "
              + report.getRowsRead()
              + ", events sent "
              + report.getEventsSent()
              + ", rows skipped "
              + report.getRowsSkipped()
              + ", rows refused "
              + report.getRowsRefused()
              + (report.getFailure() == null ? "" : ", stopped: " + report.getFailure()));
      report.getRefused().stream()
          .limit(20)
          .forEach(
              r ->
                  out.println(
                      "  refused "
                          + r.file()
                          + ":"
                          + r.line()
                          + " "
                          + r.pointer()
                          + " "
                          + r.message()));
      out.flush();
    }
  }
}
