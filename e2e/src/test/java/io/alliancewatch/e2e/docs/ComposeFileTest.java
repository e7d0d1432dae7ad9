package io.alliancewatch.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.contracts.TopicSpec;
import io.alliancewatch.kafka.KafkaAcls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml against the code: topics, ports, config keys, image names and versions, the
 * brokers' SASL, the services' logins and acl-init (KafkaAclFileTest holds the ACL file itself to
 * the services' topics and ids).
 */
class ComposeFileTest {

  private static final Pattern CREATE = Pattern.compile("(?m)^\\s*create\\s+(.*)$");
  private static final Pattern TOPIC = Pattern.compile("--topic\\s+(\\S+)");

  /**
   * The variables that only move a published port, the keys' folder or an image (${NAME:-default});
   * the others (passwords, settings) stay as written, for the tests below to see.
   */
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Z0-9_]+_PORT|PUBLISH_ADDRESS|KEYS_DIR|[A-Z]+_IMAGE):-([^}]*)}");

  private static final Pattern PARTITIONS = Pattern.compile("--partitions\\s+(\\d+)");

  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readComposeFile() {
    // SnakeYAML resolves the file's anchors and merge keys (<<) as Compose does; variables take
    // their defaults where they only move a port, a folder or an image, as Compose gives them when
    // the environment does not set them
    Map<String, Object> compose =
        new Yaml().load(withDefaults(RepoFiles.read("docker-compose.yml")));
    services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).as("services of docker-compose.yml").isNotEmpty();
  }

  @Test
  void topicInitCreatesExactlyTheTopicsOfTheContractWithTheirPartitionsAndCompaction() {
    Map<String, Object> init = service("topic-init");
    String script = String.join("\n", strings(init.get("command")));
    assertThat(script)
        .as("topic-init uses the image's own tool, with 3 replicas")
        .contains("/opt/kafka/bin/kafka-topics.sh")
        .containsPattern("--replication-factor 3\\b")
        .contains("--create --if-not-exists");

    List<TopicSpec> created = new ArrayList<>();
    Matcher line = CREATE.matcher(script);
    while (line.find()) {
      String args = line.group(1);
      created.add(
          new TopicSpec(
              group(TOPIC, args),
              Integer.parseInt(group(PARTITIONS, args)),
              args.contains("--config cleanup.policy=compact")));
    }
    assertThat(created).containsExactlyInAnyOrderElementsOf(TopicSpec.DEFAULTS);
  }

  @Test
  void eachServicePublishesItsHttpPortOnTheSameHostPort() {
    for (String name : RepoFiles.SERVICES) {
      String port = ServiceConfig.of(name).properties.get("quarkus.http.port");
      assertThat(strings(service(name).get("ports")))
          .as("ports of %s (quarkus.http.port=%s)", name, port)
          .containsExactly("127.0.0.1:" + port + ":" + port);
    }
  }

  @Test
  void environmentVariablesOfTheServicesSetKeysTheServicesKnow() {
    for (String name : RepoFiles.SERVICES) {
      ServiceConfig config = ServiceConfig.of(name);
      List<String> known = new ArrayList<>(config.referencedEnv);
      config.keys().stream().map(ServiceConfig::envName).forEach(known::add);
      for (String variable : environment(name).keySet()) {
        // MP_JWT_*: MicroProfile JWT's own keys (mp.jwt.verify.*), which its extension reads
        assertThat(
                variable.startsWith("QUARKUS_")
                    || variable.startsWith("MP_JWT_")
                    || known.contains(variable))
            .as(
                "%s's %s maps to no key of its application.properties or config mapping",
                name, variable)
            .isTrue();
      }
    }
  }

  @Test
  void servicesReachEveryBrokerAndReplicateTheirTopicsThreeTimes() {
    List<String> brokers = brokerNames();
    assertThat(brokers).hasSize(3);
    for (String name : RepoFiles.SERVICES) {
      Map<String, Object> env = environment(name);
      assertThat(String.valueOf(env.get("KAFKA_BOOTSTRAP_SERVERS")).split(","))
          .as("%s's brokers", name)
          .containsExactlyInAnyOrderElementsOf(brokers.stream().map(b -> b + ":9092").toList());
      String replication =
          ServiceConfig.of(name).keys().stream()
              .filter(key -> key.endsWith(".topics.replication-factor"))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError(name + " has no topics.replication-factor key"));
      assertThat(env.get(ServiceConfig.envName(replication)))
          .as("%s sets %s", name, replication)
          .hasToString("3");
    }
    assertThat(environment("scoring-service").get("QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS"))
        .isEqualTo(environment("scoring-service").get("KAFKA_BOOTSTRAP_SERVERS"));
  }

  @Test
  void brokersFormOneQuorumWithThreeReplicasAndTwoInSync() {
    List<String> brokers = brokerNames();
    List<String> voters = new ArrayList<>();
    for (String broker : brokers) {
      Map<String, Object> env = environment(broker);
      voters.add(env.get("KAFKA_NODE_ID") + "@" + broker + ":9093");
      assertThat(env)
          .as("%s's settings", broker)
          .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
          .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
    }
    for (String broker : brokers) {
      assertThat(
              String.valueOf(environment(broker).get("KAFKA_CONTROLLER_QUORUM_VOTERS")).split(","))
          .containsExactlyInAnyOrderElementsOf(voters);
    }
  }

  @Test
  void serviceImagesAreTheOnesTheMavenBuildMakes() {
    String version = RepoFiles.projectVersion();
    for (String name : RepoFiles.SERVICES) {
      ServiceConfig config = ServiceConfig.of(name);
      String expected =
          config.properties.get("quarkus.container-image.group")
              + "/"
              + config.properties.get("quarkus.application.name")
              + ":"
              + version;
      assertThat(service(name).get("image")).as("image of %s", name).isEqualTo(expected);
    }
  }

  @Test
  void kafkaImagesAreTheVersionOfTheKafkaClients() {
    List<String> kafkaImages =
        services.values().stream()
            .map(s -> String.valueOf(s.get("image")))
            .filter(image -> image.startsWith("apache/kafka:"))
            .toList();
    assertThat(kafkaImages)
        .as("three brokers, acl-init and topic-init")
        .hasSize(5)
        .allSatisfy(
            image -> assertThat(image).isEqualTo("apache/kafka:" + AppInfoParser.getVersion()));
  }

  @Test
  void prometheusScrapesEveryServiceAtItsMetricsEndpoint() {
    var jobs = RepoFiles.yaml("deploy/prometheus/prometheus.yml").get("scrape_configs");
    for (String name : RepoFiles.SERVICES) {
      String port = ServiceConfig.of(name).properties.get("quarkus.http.port");
      assertThat(jobs.findValues("targets").stream().flatMap(t -> strings(t).stream()).toList())
          .as("Prometheus targets")
          .contains(name + ":" + port);
      for (var job : jobs) {
        if (job.get("job_name").asText().equals(name)) {
          assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
        }
      }
    }
    assertThat(strings(service("prometheus").get("volumes")))
        .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
  }

  @Test
  void everyFileMountedFromTheRepositoryExists() {
    List<String> mounts = new ArrayList<>();
    for (Map<String, Object> service : services.values()) {
      strings(service.get("volumes")).stream().filter(v -> v.startsWith("./")).forEach(mounts::add);
    }
    assertThat(mounts).isNotEmpty();
    String header = RepoFiles.read("docker-compose.yml").split("\n(?!#)", 2)[0];
    for (String mount : mounts) {
      String file = mount.substring(2, mount.indexOf(':'));
      if (file.startsWith("data/")) {
        // made on the user's machine (keys, tokens), never committed: the header says how
        assertThat(header).as("how %s is made", file).contains(file.substring("data/".length()));
      } else {
        assertThat(RepoFiles.path(file)).as(mount).exists();
      }
    }
  }

  @Test
  void everyServiceLogsInToKafkaWithScramAsItsOwnPrincipal() {
    Map<String, Object> aclInit = environment("acl-init");
    for (String name : RepoFiles.SERVICES) {
      String principal = RepoFiles.kafkaPrincipal(name);
      Map<String, Object> env = environment(name);
      assertThat(env)
          .as("%s's Kafka security", name)
          .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
          .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
      String variable = "KAFKA_" + principal.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD";
      assertThat(String.valueOf(env.get("KAFKA_SASL_JAAS_CONFIG")))
          .as("%s's login", name)
          .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required ")
          .contains("username=\"" + principal + "\"")
          .containsPattern("password=\"\\$\\{" + variable + ":-[^}]+}\";$");
      assertThat(aclInit).as("acl-init makes %s's SCRAM user", principal).containsKey(variable);
      assertThat(aclInit.get(variable)).asString().startsWith("${" + variable + ":-");
      for (String key : List.of("kafka.security.protocol", "kafka.sasl.mechanism")) {
        assertThat(ServiceConfig.of(name).knows(key)).as("%s knows %s", name, key).isTrue();
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> dependsOn = (Map<String, Object>) service(name).get("depends_on");
      assertThat(dependsOn).as("%s waits for the users and ACLs", name).containsKey("acl-init");
    }
  }

  @Test
  void everyBrokerListenerButTheControllersTakesSaslAndTheAuthorizerRefusesTheRest() {
    for (String broker : brokerNames()) {
      Map<String, Object> env = environment(broker);
      Map<String, String> protocols = new java.util.HashMap<>();
      for (String entry :
          String.valueOf(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(",")) {
        protocols.put(entry.split(":")[0], entry.split(":")[1]);
      }
      String controller = String.valueOf(env.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
      List<String> listeners = new ArrayList<>();
      for (String listener : String.valueOf(env.get("KAFKA_LISTENERS")).split(",")) {
        listeners.add(listener.substring(0, listener.indexOf(':')));
      }
      assertThat(listeners).as("%s's listeners", broker).contains("INTERNAL", "HOST", controller);
      for (String listener : listeners) {
        if (!listener.equals(controller)) {
          assertThat(protocols.get(listener))
              .as("%s's %s listener", broker, listener)
              .isEqualTo("SASL_PLAINTEXT");
          Object mechanisms =
              env.getOrDefault(
                  "KAFKA_LISTENER_NAME_" + listener + "_SASL_ENABLED_MECHANISMS",
                  env.get("KAFKA_SASL_ENABLED_MECHANISMS"));
          assertThat(String.valueOf(mechanisms).split(","))
              .as("%s's %s mechanisms", broker, listener)
              .contains("SCRAM-SHA-512");
          assertThat(env)
              .containsKey(
                  "KAFKA_LISTENER_NAME_" + listener + "_SCRAM___SHA___512_SASL_JAAS_CONFIG");
        }
      }
      assertThat(String.valueOf(env.get("KAFKA_SASL_ENABLED_MECHANISMS")))
          .as("clients log in with SCRAM only, e.g. on HOST (admin's PLAIN stays inside)")
          .isEqualTo("SCRAM-SHA-512");
      assertThat(env)
          .containsEntry(
              "KAFKA_AUTHORIZER_CLASS_NAME",
              "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
          .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
          .containsEntry("KAFKA_SUPER_USERS", "User:admin");
    }
  }

  @Test
  void aclInitGivesEveryLineOfTheAclFileToKafkaAcls() {
    Map<String, Object> init = service("acl-init");
    assertThat(strings(init.get("volumes")))
        .containsExactly("./" + KafkaAcls.FILE + ":/acls/acls.txt:ro");
    String script = String.join("\n", strings(init.get("command")));
    assertThat(script)
        .contains("done < /acls/acls.txt")
        .contains("/opt/kafka/bin/kafka-acls.sh")
        .contains("--allow-principal \"User:$$principal\"")
        .contains("/opt/kafka/bin/kafka-configs.sh")
        .contains("SCRAM-SHA-512=[password=");
    for (String principal : KafkaAcls.principals(KafkaAcls.parse(RepoFiles.read(KafkaAcls.FILE)))) {
      assertThat(environment("acl-init"))
          .as("the password of principal %s", principal)
          .containsKey("KAFKA_" + principal.toUpperCase(java.util.Locale.ROOT) + "_PASSWORD");
    }
  }

  private static List<String> brokerNames() {
    return services.entrySet().stream()
        .filter(e -> String.valueOf(e.getValue().get("image")).startsWith("apache/kafka:"))
        .filter(
            e ->
                e.getValue().get("environment") instanceof Map<?, ?> env
                    && env.containsKey("KAFKA_NODE_ID"))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static Map<String, Object> service(String name) {
    assertThat(services).as("services of docker-compose.yml").containsKey(name);
    return services.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(String name) {
    Object env = service(name).get("environment");
    assertThat(env).as("%s's environment (a map)", name).isInstanceOf(Map.class);
    return (Map<String, Object>) env;
  }

  private static List<String> strings(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (value instanceof com.fasterxml.jackson.databind.JsonNode node) {
      List<String> texts = new ArrayList<>();
      node.forEach(n -> texts.add(n.asText()));
      return texts;
    }
    return value == null ? List.of() : List.of(String.valueOf(value));
  }

  private static String withDefaults(String text) {
    return VARIABLE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
  }

  private static String group(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
    return m.group(1);
  }
}
