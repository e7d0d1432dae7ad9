package io.alliancewatch.contracts;

import io.alliancewatch.contracts.alert.AlertNotification;
import io.alliancewatch.contracts.alert.DeadLetteredDelivery;
import io.alliancewatch.contracts.alert.Subscription;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic of contract.md, with its default name, key and value serdes. */
public final class Topics {

  private Topics() {}

  /** Partitions of {@code alliance.indicators} (contract.md). */
  public static final int INDICATORS_PARTITIONS = 6;

  /** Unchecked indicator JSON from feeders that write to Kafka directly. */
  public static final Topic<byte[], byte[]> INDICATORS_RAW =
      new Topic<>("alliance.indicators.raw", Serdes.ByteArray(), Serdes.ByteArray());

  /** Validated indicators, one record per alliance routed to, keyed by alliance id. */
  public static final Topic<String, IndicatorEvent> INDICATORS =
      new Topic<>("alliance.indicators", Serdes.String(), new JsonSerde<>(IndicatorEvent.class));

  /** Refused raw records, as received, with {@code x-error} and source headers. */
  public static final Topic<byte[], byte[]> INDICATORS_DLQ =
      new Topic<>("alliance.indicators.dlq", Serdes.ByteArray(), Serdes.ByteArray());

  /** The alliance registry, compacted, keyed by alliance id. */
  public static final Topic<String, Alliance> REGISTRY =
      new Topic<>("alliance.registry", Serdes.String(), new JsonSerde<>(Alliance.class));

  /** Score records, keyed by alliance id. */
  public static final Topic<String, ScoreRecord> SCORES =
      new Topic<>("alliance.scores", Serdes.String(), new JsonSerde<>(ScoreRecord.class));

  /** Subscriptions, compacted, keyed by subscription id; a tombstone on delete. */
  public static final Topic<String, Subscription> SUBSCRIPTIONS =
      new Topic<>("alert.subscriptions", Serdes.String(), new JsonSerde<>(Subscription.class));

  /** Every notification made: the alert history, keyed by subscription id. */
  public static final Topic<String, AlertNotification> NOTIFICATIONS =
      new Topic<>("alert.notifications", Serdes.String(), new JsonSerde<>(AlertNotification.class));

  /** Deliveries that used up their retries, keyed by subscription id. */
  public static final Topic<String, DeadLetteredDelivery> NOTIFICATIONS_DLQ =
      new Topic<>(
          "alert.notifications.dlq", Serdes.String(), new JsonSerde<>(DeadLetteredDelivery.class));

  /** Header names on {@code alliance.indicators.dlq} records. */
  public static final class DlqHeaders {
    private DlqHeaders() {}

    public static final String ERROR = "x-error";
    public static final String SOURCE_TOPIC = "x-source-topic";
    public static final String SOURCE_PARTITION = "x-source-partition";
    public static final String SOURCE_OFFSET = "x-source-offset";
  }
}
