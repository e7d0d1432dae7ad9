package io.alliancewatch.http.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How a service's Kafka clients authenticate to the brokers: {@code kafka.security.protocol},
 * {@code kafka.sasl.mechanism} and {@code kafka.sasl.jaas.config} (environment {@code
 * KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}). Every
 * client a service builds itself takes these settings, so one principal is the service's whatever
 * the client. Unset, the clients speak PLAINTEXT, as the local run's broker does.
 */
@ApplicationScoped
public class KafkaSecurityConfig {

  public static final String SECURITY_PROTOCOL = "kafka.security.protocol";
  public static final String SASL_MECHANISM = "kafka.sasl.mechanism";
  public static final String SASL_JAAS_CONFIG = "kafka.sasl.jaas.config";

  private static final String PREFIX = "kafka.";

  private final Map<String, String> clientProperties;

  @Inject
  public KafkaSecurityConfig(
      @ConfigProperty(name = SECURITY_PROTOCOL) Optional<String> securityProtocol,
      @ConfigProperty(name = SASL_MECHANISM) Optional<String> saslMechanism,
      @ConfigProperty(name = SASL_JAAS_CONFIG) Optional<String> saslJaasConfig) {
    Map<String, String> properties = new LinkedHashMap<>();
    securityProtocol.ifPresent(v -> properties.put(clientKey(SECURITY_PROTOCOL), v));
    saslMechanism.ifPresent(v -> properties.put(clientKey(SASL_MECHANISM), v));
    saslJaasConfig.ifPresent(v -> properties.put(clientKey(SASL_JAAS_CONFIG), v));
    boolean sasl =
        securityProtocol.map(p -> p.toUpperCase(Locale.ROOT).startsWith("SASL_")).orElse(false);
    if (sasl && (saslMechanism.isEmpty() || saslJaasConfig.isEmpty())) {
      // the client would fail later with a message that names neither key
      throw new IllegalArgumentException(
          SECURITY_PROTOCOL
              + "="
              + securityProtocol.get()
              + " needs "
              + SASL_MECHANISM
              + " (e.g. SCRAM-SHA-512) and "
              + SASL_JAAS_CONFIG
              + " (the principal's login)");
    }
    this.clientProperties = Map.copyOf(properties);
  }

  /** The settings under the Kafka clients' own names ({@code security.protocol}, ...). */
  public Map<String, String> clientProperties() {
    return clientProperties;
  }

  /**
   * The settings every Kafka client of a service starts from: the brokers and how to authenticate
   * to them; a new map, for the caller to add its own settings to.
   */
  public java.util.Map<String, Object> clientProps(String bootstrapServers) {
    java.util.Map<String, Object> props = new java.util.HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    return addTo(props);
  }

  /**
   * Adds the settings to a client's properties (a {@code Map} or {@code Properties}) and returns
   * them.
   */
  public <M extends Map<? super String, ? super String>> M addTo(M props) {
    clientProperties.forEach(props::put);
    return props;
  }

  private static String clientKey(String key) {
    return key.substring(PREFIX.length());
  }
}
