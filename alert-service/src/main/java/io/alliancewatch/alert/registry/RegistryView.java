package io.alliancewatch.alert.registry;

import io.alliancewatch.alert.config.AlertsConfig;
import io.alliancewatch.alert.kafka.KafkaClients;
import io.alliancewatch.alert.kafka.TopicTail;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The alliance registry as this instance sees it: what a subscription may name. */
@ApplicationScoped
public class RegistryView {

  private final Map<String, Alliance> alliances = new ConcurrentHashMap<>();
  private final TopicTail<String, Alliance> tail;

  public RegistryView(KafkaClients clients, AlertsConfig config) {
    this.tail =
        new TopicTail<>(
            clients,
            config.topics().registry(),
            Topics.REGISTRY.keySerde().deserializer(),
            Topics.REGISTRY.valueSerde().deserializer(),
            this::apply,
            "the registry");
  }

  public void start(Duration loadTimeout) throws InterruptedException {
    tail.start(loadTimeout);
  }

  private void apply(String id, Alliance alliance) {
    if (alliance == null) {
      alliances.remove(id);
    } else {
      alliances.put(id, alliance);
    }
  }

  public boolean knows(String allianceId) {
    return alliances.containsKey(allianceId);
  }

  public Set<String> ids() {
    return Set.copyOf(alliances.keySet());
  }

  public boolean ready() {
    return tail.isCaughtUp();
  }

  public void stop() {
    tail.close();
  }
}
