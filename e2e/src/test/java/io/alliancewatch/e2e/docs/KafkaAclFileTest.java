package io.alliancewatch.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.contracts.TopicSpec;
import io.alliancewatch.kafka.KafkaAcls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * deploy/kafka/acls.txt, the ACLs of docker-compose.yml, against the code: each service's principal
 * is granted exactly the topics of the contract its configuration names, its own topics outside the
 * contract, its groups and application ids; a feeder only writes the raw topic. (kafka-embedded's
 * ServiceAclsTest shows the same file at work on a secured broker.)
 */
class KafkaAclFileTest {

  @Test
  void theAclFileNamesExactlyTheContractTopicsEachServiceUsesAndItsIds() {
    List<String> contract = TopicSpec.DEFAULTS.stream().map(TopicSpec::name).toList();
    List<KafkaAcls.Rule> rules = aclRules();
    for (String name : RepoFiles.SERVICES) {
      ServiceConfig config = ServiceConfig.of(name);
      String principal = RepoFiles.kafkaPrincipal(name);
      List<String> topics =
          config.properties.entrySet().stream()
              .filter(e -> e.getKey().matches("[a-z]+\\.topics\\.[a-z-]+"))
              .filter(e -> !e.getKey().endsWith(".replication-factor"))
              .map(Map.Entry::getValue)
              .toList();
      List<String> granted = named(rules, principal, ResourceType.TOPIC, PatternType.LITERAL);
      assertThat(granted.stream().filter(contract::contains).toList())
          .as("contract topics of %s's ACLs", principal)
          .containsExactlyInAnyOrderElementsOf(topics.stream().filter(contract::contains).toList());
      assertThat(topics).as("%s's topics", name).containsAll(granted);
      List<String> ids = new ArrayList<>();
      config.properties.forEach(
          (key, value) -> {
            if (key.endsWith("application-id") || key.endsWith("group-id")) {
              ids.add(resolve(value, config.properties));
            }
          });
      assertThat(ids).as("%s's application and group ids", name).isNotEmpty();
      for (String id : ids) {
        assertThat(
                rules.stream()
                    .filter(r -> r.principal().equals(principal))
                    .filter(r -> r.resourceType() == ResourceType.GROUP)
                    .anyMatch(r -> covers(r, id)))
            .as("%s may use group %s", principal, id)
            .isTrue();
      }
    }
    assertThat(rules.stream().filter(r -> r.principal().equals("feeder")).toList())
        .as("a feeder writes the raw topic and nothing else")
        .containsExactly(
            new KafkaAcls.Rule(
                "feeder",
                ResourceType.TOPIC,
                PatternType.LITERAL,
                "alliance.indicators.raw",
                Set.of(AclOperation.WRITE)));
  }

  private static List<KafkaAcls.Rule> aclRules() {
    return KafkaAcls.parse(RepoFiles.read(KafkaAcls.FILE));
  }

  private static List<String> named(
      List<KafkaAcls.Rule> rules, String principal, ResourceType type, PatternType pattern) {
    return rules.stream()
        .filter(r -> r.principal().equals(principal))
        .filter(r -> r.resourceType() == type && r.patternType() == pattern)
        .map(KafkaAcls.Rule::name)
        .toList();
  }

  private static boolean covers(KafkaAcls.Rule rule, String name) {
    return rule.patternType() == PatternType.PREFIXED
        ? name.startsWith(rule.name())
        : name.equals(rule.name());
  }

  /** {@code ${key}} references of application.properties, as MicroProfile Config expands them. */
  private static String resolve(String value, Map<String, String> properties) {
    Matcher m = Pattern.compile("\\$\\{([^}:]+)}").matcher(value);
    StringBuilder resolved = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(resolved, Matcher.quoteReplacement(properties.get(m.group(1))));
    }
    return m.appendTail(resolved).toString();
  }
}
