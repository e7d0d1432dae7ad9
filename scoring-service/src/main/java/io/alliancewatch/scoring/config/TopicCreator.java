package io.alliancewatch.scoring.config;

import io.alliancewatch.contracts.TopicSpec;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.http.kafka.KafkaSecurityConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the topics scoring uses when they are missing (an existing topic is left alone), so the
 * service starts on an empty broker; Kafka Streams waits for them before it starts.
 */
@ApplicationScoped
public class TopicCreator {

  private static final Logger LOG = Logger.getLogger(TopicCreator.class);

  void onStart(
      @Observes StartupEvent event,
      ScoringConfig config,
      KafkaSecurityConfig security,
      @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers") String bootstrapServers) {
    List<TopicSpec> specs =
        List.of(
            TopicSpec.byDefaultName(Topics.INDICATORS.name()).named(config.topics().indicators()),
            TopicSpec.byDefaultName(Topics.REGISTRY.name()).named(config.topics().registry()),
            TopicSpec.byDefaultName(Topics.SCORES.name()).named(config.topics().scores()));
    Map<String, Object> props = security.clientProps(bootstrapServers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "scoring-topic-creator");
    try (Admin admin = Admin.create(props)) {
      TopicSpec.ensureExist(admin, specs, config.topics().replicationFactor());
    } catch (Exception e) {
      // not fatal: the topics may be created by others; Kafka Streams waits for them
      LOG.warnf("could not create the topics %s: %s", specs, e.toString());
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
