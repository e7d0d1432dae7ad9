package io.alliancewatch.contracts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * How a topic is created: partitions and whether it is compacted. Each service creates the topics
 * it uses at start-up (an existing topic is left as it is); docker-compose.yml creates the same.
 */
public record TopicSpec(String name, int partitions, boolean compacted) {

  /** The topics of contract.md with their partition counts, under their default names. */
  public static final List<TopicSpec> DEFAULTS =
      List.of(
          new TopicSpec(Topics.INDICATORS_RAW.name(), 6, false),
          new TopicSpec(Topics.INDICATORS.name(), Topics.INDICATORS_PARTITIONS, false),
          new TopicSpec(Topics.INDICATORS_DLQ.name(), 3, false),
          new TopicSpec(Topics.REGISTRY.name(), 1, true),
          new TopicSpec(Topics.SCORES.name(), 6, false),
          new TopicSpec(Topics.SUBSCRIPTIONS.name(), 1, true),
          new TopicSpec(Topics.NOTIFICATIONS.name(), 6, false),
          new TopicSpec(Topics.NOTIFICATIONS_DLQ.name(), 1, false));

  /** The default spec of a topic by its default name. */
  public static TopicSpec byDefaultName(String name) {
    return DEFAULTS.stream()
        .filter(spec -> spec.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a topic of the contract: " + name));
  }

  /** The same spec under the name a service was configured with. */
  public TopicSpec named(String configuredName) {
    return new TopicSpec(configuredName, partitions, compacted);
  }

  /**
   * Creates the topics that do not exist yet, with {@code replicationFactor} replicas (-1: the
   * broker's default).
   */
  public static void ensureExist(Admin admin, Collection<TopicSpec> specs, short replicationFactor)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (TopicSpec spec : specs) {
      if (!existing.contains(spec.name())) {
        NewTopic topic =
            replicationFactor > 0
                ? new NewTopic(spec.name(), spec.partitions(), replicationFactor)
                : new NewTopic(
                    spec.name(),
                    java.util.Optional.of(spec.partitions()),
                    java.util.Optional.empty());
        if (spec.compacted()) {
          topic.configs(
              Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        missing.add(topic);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
      // another instance created it meanwhile: that is what we wanted
    }
  }
}
