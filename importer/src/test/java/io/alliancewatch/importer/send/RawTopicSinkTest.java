package io.alliancewatch.importer.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RawTopicSinkTest {

  @Test
  void shouldSpeakPlaintextWhenTheEnvironmentHasNoKafkaLogin() {
    Properties props = RawTopicSink.config("localhost:9092", Map.of("KAFKA_SASL_MECHANISM", " "));

    assertThat(props).doesNotContainKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
  }

  @Test
  void shouldLogInAsTheFeederTheEnvironmentNames() {
    String login =
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"feeder\" password=\"feeder-secret\";";

    Properties props =
        RawTopicSink.config(
            "localhost:19092",
            Map.of(
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", login));

    assertThat(props)
        .containsEntry("bootstrap.servers", "localhost:19092")
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", login);
  }
}
