package io.alliancewatch.importer.cli;

import io.alliancewatch.importer.core.Alliances;
import io.alliancewatch.importer.core.BarProgress;
import io.alliancewatch.importer.core.Progress;
import io.alliancewatch.importer.send.Backoff;
import io.alliancewatch.importer.send.DryRunSink;
import io.alliancewatch.importer.send.EventSink;
import io.alliancewatch.importer.send.EventSink.SinkException;
import io.alliancewatch.importer.send.IngestHttpSink;
import io.alliancewatch.importer.send.RawTopicSink;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where events go and how: the options every import and the follower share. */
public final class SendOptions {

  @Option(
      names = "--ingest-url",
      paramLabel = "URL",
      defaultValue = "${env:ALLIANCE_WATCH_INGEST_URL:-http://localhost:8081}",
      description =
          "Ingest service to send to (default: ${DEFAULT-VALUE}, or $ALLIANCE_WATCH_INGEST_URL).")
  URI ingestUrl;

  @Option(
      names = "--token",
      paramLabel = "JWT",
      defaultValue = "${env:ALLIANCE_WATCH_TOKEN}",
      description =
          "Bearer token for ingest (default: $ALLIANCE_WATCH_TOKEN, which keeps it out of the"
              + " process list): a feeder's whose sources include each event's source, e.g. from"
              + " ./alliance-watch token --role feeder --source gdelt. Not needed with"
              + " --to-raw-topic or --dry-run.")
  String token;

  @Option(
      names = "--to-raw-topic",
      description =
          "Write to Kafka's raw topic instead of ingest's HTTP API. Each event is checked here by"
              + " ingest's own validator first, so refusals still come back with line numbers.")
  boolean toRawTopic;

  @Option(
      names = "--no-local-check",
      description =
          "With --to-raw-topic, skip the local check: faster, but an invalid event then only"
              + " reaches ingest's dead-letter topic and is not reported here.")
  boolean noLocalCheck;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
      description = "Kafka brokers for --to-raw-topic (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--topic",
      paramLabel = "NAME",
      defaultValue = "alliance.indicators.raw",
      description = "Raw topic for --to-raw-topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--dry-run", description = "Map and count, send nothing.")
  boolean dryRun;

  @Option(
      names = "--alliances",
      paramLabel = "ingest|bundled|FILE",
      description =
          "Memberships for mapping: ingest's live registry (GET /api/alliances; the default when"
              + " sending to ingest), the bundled alliances.json of 2024 (the default for"
              + " --to-raw-topic and --dry-run), or a JSON file in either form.")
  String alliances;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Events per request or per acknowledged Kafka batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--max-retries",
      paramLabel = "N",
      defaultValue = "8",
      description =
          "Retries of a batch when ingest answers 503 or cannot be reached, with doubling waits"
              + " that honour Retry-After (default: ${DEFAULT-VALUE}).")
  int maxRetries;

  @Option(
      names = "--retry-wait",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = Durations.class,
      description = "First wait before a retry; it doubles up to 30s (default: ${DEFAULT-VALUE}).")
  Duration retryWait;

  @Option(
      names = "--progress",
      paramLabel = "auto|bar|plain|none",
      defaultValue = "auto",
      description =
          "Progress on standard error: a live bar with rows/s and ETA, plain lines every 5 s, or"
              + " nothing; auto picks the bar on a terminal (default: ${DEFAULT-VALUE}).")
  String progress;

  @Option(
      names = "--json",
      description = "Print the summary as one JSON object, with every skipped and refused line.")
  boolean json;

  Backoff backoff() {
    Duration max =
        Duration.ofSeconds(30).compareTo(retryWait) < 0 ? retryWait : Duration.ofSeconds(30);
    return new Backoff(maxRetries, retryWait, max);
  }

  static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  void check() {
    if (batchSize < 1 || batchSize > 100_000) {
      throw new IllegalArgumentException("--batch-size must be 1..100000, was " + batchSize);
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("--max-retries must be 0 or more, was " + maxRetries);
    }
    if (!progress.matches("auto|bar|plain|none")) {
      throw new IllegalArgumentException("--progress must be auto, bar, plain or none");
    }
  }

  Alliances loadAlliances(HttpClient client, PrintWriter err)
      throws IOException, SinkException, InterruptedException {
    String choice = alliances != null ? alliances : (toRawTopic || dryRun ? "bundled" : "ingest");
    return switch (choice) {
      case "bundled" -> Alliances.bundled();
      case "ingest" -> Alliances.fromIngest(client, ingestUrl, token, backoff(), err::println);
      default -> Alliances.fromFile(Path.of(choice));
    };
  }

  EventSink sink(HttpClient client, Alliances alliances, PrintWriter err) {
    if (dryRun) {
      return new DryRunSink();
    }
    if (toRawTopic) {
      return new RawTopicSink(bootstrapServers, topic, alliances.directory(), !noLocalCheck);
    }
    return new IngestHttpSink(client, ingestUrl, token, backoff(), err::println);
  }

  Progress.Factory progress(PrintStream err) {
    return switch (progress) {
      case "none" -> Progress.NONE;
      case "bar" -> new BarProgress(true, err, 5_000);
      case "plain" -> new BarProgress(false, err, 5_000);
      default -> new BarProgress(System.console() != null, err, 5_000);
    };
  }
}
