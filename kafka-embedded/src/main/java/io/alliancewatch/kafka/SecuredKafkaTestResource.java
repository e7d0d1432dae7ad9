package io.alliancewatch.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A Quarkus test resource that runs the service against a broker secured as docker-compose.yml's
 * (SASL/SCRAM, the ACLs of deploy/kafka/acls.txt), logged in as the principal of init arg {@code
 * principal} through the service's own {@code kafka.security.protocol} and {@code kafka.sasl.*}.
 * One broker serves every test class of the JVM that uses it.
 */
public class SecuredKafkaTestResource implements QuarkusTestResourceLifecycleManager {

  private static SecuredKafkaCluster kafka;

  private String principal;

  /** The broker of this JVM, started on first use, with compose's users and ACLs. */
  public static synchronized SecuredKafkaCluster kafka() {
    if (kafka == null) {
      kafka =
          SecuredKafkaCluster.startAsCompose(
              Path.of("target", "secured-kafka-" + UUID.randomUUID()).toAbsolutePath(),
              Path.of("..", KafkaAcls.FILE));
      SecuredKafkaCluster started = kafka;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "secured-kafka-shutdown"));
    }
    return kafka;
  }

  @Override
  public void init(Map<String, String> initArgs) {
    principal = initArgs.get("principal");
    if (principal == null) {
      throw new IllegalArgumentException("SecuredKafkaTestResource needs init arg 'principal'");
    }
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> security =
        SecuredKafkaCluster.securityProperties(
            principal, SecuredKafkaCluster.defaultPassword(principal));
    String stateDir =
        Path.of("target", "kafka-streams-" + UUID.randomUUID()).toAbsolutePath().toString();
    return Map.of(
        "kafka.bootstrap.servers", kafka().bootstrapServers(),
        "quarkus.kafka-streams.bootstrap-servers", kafka().bootstrapServers(),
        "kafka-streams.state.dir", stateDir,
        "kafka.security.protocol", security.get("security.protocol"),
        "kafka.sasl.mechanism", security.get("sasl.mechanism"),
        "kafka.sasl.jaas.config", security.get("sasl.jaas.config"));
  }

  @Override
  public void stop() {
    // the broker outlives one test class; the shutdown hook stops it with the JVM
  }
}
