package io.alliancewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records on the raw topic are checked by the same code: routed, or dead-lettered with headers. */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
class RawTopicIT {

  @BeforeEach
  void ready() {
    Readiness.awaitReady();
  }

  @Test
  void shouldRouteValidRawRecordsAndDeadLetterInvalidOnesWithTheirOrigin() throws Exception {
    Map<TopicPartition, Long> indicatorsBefore = KafkaTopics.endOffsets("alliance.indicators");
    Map<TopicPartition, Long> dlqBefore = KafkaTopics.endOffsets("alliance.indicators.dlq");
    byte[] valid = Events.tension("AUS").toString().getBytes(StandardCharsets.UTF_8);
    byte[] invalid =
        Events.tension("AUS").put("severity", 7).toString().getBytes(StandardCharsets.UTF_8);
    byte[] garbage = "not json at all".getBytes(StandardCharsets.UTF_8);

    KafkaTopics.produce("alliance.indicators.raw", "k1".getBytes(StandardCharsets.UTF_8), valid);
    KafkaTopics.produce("alliance.indicators.raw", "k2".getBytes(StandardCharsets.UTF_8), invalid);
    KafkaTopics.produce("alliance.indicators.raw", null, garbage);

    // AUS belongs to AUKUS, QUAD and ANZUS
    List<ConsumerRecord<byte[], byte[]>> routed =
        KafkaTopics.recordsAfter("alliance.indicators", indicatorsBefore, 3);
    assertThat(routed)
        .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder("AUKUS", "QUAD", "ANZUS");

    List<ConsumerRecord<byte[], byte[]>> dead =
        KafkaTopics.recordsAfter("alliance.indicators.dlq", dlqBefore, 2);
    assertThat(dead).hasSize(2);
    ConsumerRecord<byte[], byte[]> refused =
        dead.stream().filter(r -> r.key() != null).findFirst().orElseThrow();
    assertThat(refused.value()).isEqualTo(invalid);
    assertThat(new String(refused.key(), StandardCharsets.UTF_8)).isEqualTo("k2");
    JsonNode errors = Json.mapper().readTree(refused.headers().lastHeader("x-error").value());
    assertThat(errors.get(0).get("pointer").textValue()).isEqualTo("/severity");
    assertThat(header(refused, "x-source-topic")).isEqualTo("alliance.indicators.raw");
    assertThat(header(refused, "x-source-partition")).matches("\\d+");
    assertThat(header(refused, "x-source-offset")).matches("\\d+");
    ConsumerRecord<byte[], byte[]> malformed =
        dead.stream().filter(r -> r.key() == null).findFirst().orElseThrow();
    assertThat(malformed.value()).isEqualTo(garbage);
    assertThat(header(malformed, "x-error")).contains("JSON");
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
