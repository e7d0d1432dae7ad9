package io.alliancewatch.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alliancewatch.kafka.SecuredKafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The service as docker-compose.yml runs it: logged in to a SASL/SCRAM broker as principal {@code
 * ingest}, with no more rights than deploy/kafka/acls.txt gives it. It creates its topics, reads
 * and seeds the registry, writes what it accepts, and routes what a feeder writes to the raw topic.
 */
@QuarkusTest
@QuarkusTestResource(
    value = SecuredKafkaTestResource.class,
    restrictToAnnotatedClass = true,
    initArgs = @ResourceArg(name = "principal", value = "ingest"))
class SaslKafkaIT {

  @Test
  void shouldIngestAndRouteTheRawTopicAsTheIngestPrincipal() throws Exception {
    Readiness.awaitReady();
    ObjectNode posted = Events.tension("DEU", "NATO");
    given()
        .contentType("application/json")
        .body(posted.toString())
        .when()
        .post("/api/indicators")
        .then()
        .statusCode(202);

    ObjectNode routed = Events.tension("AUS", "AUKUS");
    try (KafkaProducer<String, String> feeder =
        new KafkaProducer<>(
            SecuredKafkaTestResource.kafka().clientProperties("feeder"),
            new StringSerializer(),
            new StringSerializer())) {
      feeder
          .send(new ProducerRecord<>("alliance.indicators.raw", routed.toString()))
          .get(30, TimeUnit.SECONDS);
    }

    assertThat(indicatorsReadAsScoring(2))
        .anySatisfy(value -> assertThat(value).contains(id(posted)))
        .anySatisfy(value -> assertThat(value).contains(id(routed)));
  }

  /** alliance.indicators as scoring-service reads it, until at least {@code count} records. */
  private static List<String> indicatorsReadAsScoring(int count) {
    Map<String, Object> props = SecuredKafkaTestResource.kafka().clientProperties("scoring");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> scoring =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          scoring.partitionsFor("alliance.indicators").stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      scoring.assign(partitions);
      scoring.seekToBeginning(partitions);
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                scoring.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= count;
              });
    }
    return values;
  }

  private static String id(ObjectNode event) {
    return "\"id\":\"" + event.get("id").asText() + "\"";
  }
}
