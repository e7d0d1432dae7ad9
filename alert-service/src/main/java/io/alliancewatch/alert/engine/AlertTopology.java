package io.alliancewatch.alert.engine;

import io.alliancewatch.alert.state.AlertState;
import io.alliancewatch.alert.state.AlertStateMachine;
import io.alliancewatch.contracts.JsonSerde;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.alert.Subscription;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * scores (by alliance) → {@link AlertProcessor} → notifications (by subscription). Subscriptions
 * are a global store, as every task needs every subscription; the alert states and the latest score
 * per alliance are task stores backed by changelog topics.
 */
public final class AlertTopology {

  static final String SUBSCRIPTIONS = "subscriptions";
  static final String STATES = "alert-states";
  static final String LATEST_SCORES = "latest-scores";

  private AlertTopology() {}

  public static Topology build(
      String scoresTopic,
      String subscriptionsTopic,
      String notificationsTopic,
      AlertStateMachine machine,
      Duration checkInterval,
      Consumer<AlertNotification> made,
      Runnable outOfOrder) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(SUBSCRIPTIONS),
                Serdes.String(),
                Topics.SUBSCRIPTIONS.valueSerde())
            .withLoggingDisabled(),
        subscriptionsTopic,
        Consumed.with(Serdes.String(), Topics.SUBSCRIPTIONS.valueSerde()),
        SubscriptionsUpdater::new);
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(STATES),
            Serdes.String(),
            new JsonSerde<>(AlertState.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(LATEST_SCORES),
            Serdes.String(),
            Topics.SCORES.valueSerde()));
    builder.stream(scoresTopic, Consumed.with(Serdes.String(), Topics.SCORES.valueSerde()))
        .process(
            () -> new AlertProcessor(machine, checkInterval, made, outOfOrder),
            STATES,
            LATEST_SCORES)
        .to(notificationsTopic, Produced.with(Serdes.String(), Topics.NOTIFICATIONS.valueSerde()));
    return builder.build();
  }

  /** Keeps the global store equal to the compacted subscriptions topic. */
  private static final class SubscriptionsUpdater
      implements Processor<String, Subscription, Void, Void> {
    private KeyValueStore<String, Subscription> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(SUBSCRIPTIONS);
    }

    @Override
    public void process(Record<String, Subscription> record) {
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }
}
