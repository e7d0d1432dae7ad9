package io.alliancewatch.importer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.importer.cli.Main;
import io.alliancewatch.importer.testing.RawTopic;
import io.alliancewatch.importer.testing.Resources;
import io.alliancewatch.kafka.StandaloneKafka;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;

/**
 * Rows/s of {@code import gdelt --to-raw-topic} end to end into Kafka, for a generated 100,000-row
 * export: the real export's rows and the derived rows, repeated with fresh ids. Prints figures; it
 * asserts nothing about time. Run with {@code importer/bench/gdelt-benchmark.sh [rows]
 * [bootstrap-servers]}; without brokers it starts Kafka's own KRaft server in this JVM.
 */
public final class GdeltImportBenchmark {

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path work = Files.createTempDirectory("gdelt-bench");
    StandaloneKafka kafka = null;
    String bootstrap;
    if (args.length > 1) {
      bootstrap = args[1];
    } else {
      kafka =
          StandaloneKafka.start(
              work.resolve("kafka"), StandaloneKafka.freePort(), StandaloneKafka.freePort());
      bootstrap = kafka.bootstrapServers();
    }
    try {
      List<String> real = lines("/gdelt/real.export.CSV");
      List<String> derived = lines("/gdelt/derived.export.CSV").subList(0, 49); // 50 is malformed
      Path realMix = generate(work.resolve("real-mix.export.CSV"), rows, real, derived);
      Path mappedOnly = generate(work.resolve("mapped.export.CSV"), rows, derived, List.of());
      System.out.printf(
          "GDELT import benchmark: %,d rows per file, Kafka at %s, %d cores%n",
          rows, bootstrap, Runtime.getRuntime().availableProcessors());
      // a first, unmeasured run warms the JIT and the broker up
      measure("warm-up (not counted)", realMix, bootstrap, "--batch-size=1000");
      measure("real mix, dry run (mapping only)", realMix, bootstrap, "--dry-run");
      measure("real mix -> raw topic", realMix, bootstrap, "--batch-size=1000");
      measure("real mix -> raw, --no-local-check", realMix, bootstrap, "--no-local-check");
      measure("mapped rows only -> raw topic", mappedOnly, bootstrap, "--batch-size=1000");
      measure("mapped only -> raw, --no-local-check", mappedOnly, bootstrap, "--no-local-check");
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  private static void measure(String label, Path file, String bootstrap, String option)
      throws Exception {
    boolean dryRun = option.equals("--dry-run");
    String topic = RawTopic.create(bootstrap, "bench", 6);
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    String[] args = {
      "import",
      "gdelt",
      file.toString(),
      "--to-raw-topic",
      "--bootstrap-servers",
      bootstrap,
      "--topic",
      topic,
      "--progress",
      "none",
      "--json",
      option
    };
    long start = System.nanoTime();
    int exit = cli.execute(args);
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonNode report = Json.mapper().readTree(out.toString());
    long rows = report.path("rowsRead").asLong();
    long events = report.path("eventsSent").asLong();
    long onTopic = dryRun ? 0 : recordsOn(bootstrap, topic);
    System.out.printf(
        "%-34s exit %d  %,8d rows  %,7d events  %6.2f s  %,9.0f rows/s  %,8.0f events/s"
            + "  records on topic %,d%n",
        label, exit, rows, events, seconds, rows / seconds, events / seconds, onTopic);
  }

  private static long recordsOn(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetSpec> latest =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(info -> info.offset())
          .sum();
    }
  }

  /** {@code rows} lines cycling through the given ones, each with a fresh GLOBALEVENTID. */
  private static Path generate(Path file, int rows, List<String> first, List<String> second)
      throws Exception {
    List<String> source = new java.util.ArrayList<>(first);
    source.addAll(second);
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < rows; i++) {
        String line = source.get(i % source.size());
        writer.write(String.valueOf(2_000_000_000L + i));
        writer.write(line, line.indexOf('\t'), line.length() - line.indexOf('\t'));
        writer.write('\n');
      }
    }
    return file;
  }

  private static List<String> lines(String resource) {
    String text = new String(Resources.bytes(resource), StandardCharsets.UTF_8);
    return Arrays.stream(text.split("\n")).filter(l -> !l.isEmpty()).toList();
  }
}
