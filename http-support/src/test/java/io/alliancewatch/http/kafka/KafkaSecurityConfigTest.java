package io.alliancewatch.http.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaSecurityConfigTest {

  @Test
  void shouldAddNothingWhenNoSecurityIsConfigured() {
    KafkaSecurityConfig config =
        new KafkaSecurityConfig(Optional.empty(), Optional.empty(), Optional.empty());

    Map<String, Object> props = config.addTo(new HashMap<>(Map.of("bootstrap.servers", "b:9092")));

    assertThat(props).containsExactly(Map.entry("bootstrap.servers", "b:9092"));
  }

  @Test
  void shouldGiveEveryClientTheSaslSettingsUnderTheClientsOwnNames() {
    String login =
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"ingest\" password=\"ingest-secret\";";
    KafkaSecurityConfig config =
        new KafkaSecurityConfig(
            Optional.of("SASL_PLAINTEXT"), Optional.of("SCRAM-SHA-512"), Optional.of(login));

    Properties props = config.addTo(new Properties());

    assertThat(props)
        .containsOnly(
            Map.entry("security.protocol", "SASL_PLAINTEXT"),
            Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
            Map.entry("sasl.jaas.config", login));
  }

  @Test
  void shouldRefuseASaslProtocolWithoutALogin() {
    assertThatThrownBy(
            () ->
                new KafkaSecurityConfig(
                    Optional.of("SASL_PLAINTEXT"), Optional.of("SCRAM-SHA-512"), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.sasl.jaas.config");
  }
}
