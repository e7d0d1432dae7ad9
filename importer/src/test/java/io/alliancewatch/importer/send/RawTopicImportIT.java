package io.alliancewatch.importer.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.importer.testing.Cli;
import io.alliancewatch.importer.testing.Cli.Run;
import io.alliancewatch.importer.testing.RawTopic;
import io.alliancewatch.importer.testing.Resources;
import io.alliancewatch.kafka.KafkaTestResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --to-raw-topic} against a real KRaft broker in this JVM. */
class RawTopicImportIT {

  static String bootstrap;

  @TempDir Path dir;

  @BeforeAll
  static void broker() {
    bootstrap = KafkaTestResource.bootstrapServers();
  }

  @Test
  void givenTheDerivedExport_whenImportedToTheRawTopic_thenEveryMappedEventIsOnTheTopic()
      throws Exception {
    String topic = RawTopic.create(bootstrap, "raw", 3);
    Path file = Resources.copy("/gdelt/derived.export.CSV", dir);

    Run run = rawImport("gdelt", file, topic);

    assertThat(run.exitCode()).isZero();
    List<String> values = RawTopic.newList();
    try (KafkaConsumer<byte[], String> consumer = RawTopic.consumer(bootstrap, topic)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                RawTopic.pollInto(consumer, values);
                assertThat(values).hasSize(57);
              });
    }
    Map<String, Long> perAlliance =
        values.stream()
            .map(RawTopicImportIT::event)
            .collect(Collectors.groupingBy(IndicatorEvent::allianceId, Collectors.counting()));
    assertThat(perAlliance).containsEntry("NATO", 27L).containsEntry("CSTO", 4L);
    JsonNode report = Json.mapper().readTree(run.out());
    assertThat(report.path("eventsSent").asLong()).isEqualTo(57);
    assertThat(report.path("destination").asText()).contains(topic);
  }

  @Test
  void givenAnInvalidNdjsonLine_whenImportedToTheRawTopic_thenItIsRefusedHereWithItsLineNumber()
      throws Exception {
    String topic = RawTopic.create(bootstrap, "raw-ndjson", 1);
    String good =
        "{\"id\":\"a1\",\"source\":\"analyst\",\"type\":\"JOINT_EXERCISE\","
            + "\"allianceId\":\"AUKUS\",\"country\":\"AUS\",\"severity\":0.5,"
            + "\"occurredAt\":\"2026-03-05T00:00:00Z\"}";
    Path file = dir.resolve("events.ndjson");
    Files.writeString(file, good + "\n" + good.replace("\"AUS\"", "\"NZL\"") + "\n");

    Run run = rawImport("ndjson", file, topic);

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode refused = Json.mapper().readTree(run.out()).path("refused");
    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).path("line").asLong()).isEqualTo(2);
    assertThat(refused.get(0).path("pointer").asText()).isEqualTo("/country");
    List<String> values = RawTopic.newList();
    try (KafkaConsumer<byte[], String> consumer = RawTopic.consumer(bootstrap, topic)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                RawTopic.pollInto(consumer, values);
                assertThat(values).containsExactly(good);
              });
    }
  }

  @Test
  void givenNoLocalCheck_whenAnInvalidLineIsImported_thenItGoesToTheTopicForIngestToJudge()
      throws Exception {
    String topic = RawTopic.create(bootstrap, "raw-unchecked", 1);
    Path file = dir.resolve("events.ndjson");
    Files.writeString(file, "{\"id\":\"x\"}\n");

    Run run = rawImport("ndjson", file, topic, "--no-local-check");

    assertThat(run.exitCode()).isZero();
    assertThat(Json.mapper().readTree(run.out()).path("destination").asText())
        .contains("unchecked");
    List<String> values = RawTopic.newList();
    try (KafkaConsumer<byte[], String> consumer = RawTopic.consumer(bootstrap, topic)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                RawTopic.pollInto(consumer, values);
                assertThat(values).containsExactly("{\"id\":\"x\"}");
              });
    }
  }

  private Run rawImport(String source, Path file, String topic, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "import",
                source,
                file.toString(),
                "--to-raw-topic",
                "--bootstrap-servers",
                bootstrap,
                "--topic",
                topic,
                "--progress",
                "none",
                "--json"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static IndicatorEvent event(String json) {
    try {
      return Json.mapper().readValue(json, IndicatorEvent.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
