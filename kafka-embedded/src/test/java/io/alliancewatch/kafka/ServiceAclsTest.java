package io.alliancewatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.alliancewatch.contracts.TopicSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ACLs of deploy/kafka/acls.txt on a broker secured as docker-compose.yml's are (SASL/SCRAM,
 * StandardAuthorizer, admin the only super user): each service's principal reads and writes its own
 * topics and no other, Kafka Streams runs exactly-once under the services' application ids, and a
 * feeder may only write the raw topic.
 */
class ServiceAclsTest {

  private static final String RAW = "alliance.indicators.raw";
  private static final String INDICATORS = "alliance.indicators";
  private static final String DLQ = "alliance.indicators.dlq";
  private static final String REGISTRY = "alliance.registry";
  private static final String SCORES = "alliance.scores";
  private static final String SUBSCRIPTIONS = "alert.subscriptions";
  private static final String NOTIFICATIONS = "alert.notifications";
  private static final String NOTIFICATIONS_DLQ = "alert.notifications.dlq";
  private static final String DELIVERIES = "alert-service.deliveries";

  /** What each principal's service reads and writes (contract.md, security.md), not the file. */
  private static final Map<String, Access> EXPECTED =
      Map.of(
          "ingest", new Access(Set.of(RAW, REGISTRY), Set.of(INDICATORS, DLQ, REGISTRY)),
          "scoring", new Access(Set.of(INDICATORS, REGISTRY, SCORES), Set.of(SCORES)),
          "alert",
              new Access(
                  Set.of(SCORES, REGISTRY, SUBSCRIPTIONS, NOTIFICATIONS),
                  Set.of(SUBSCRIPTIONS, NOTIFICATIONS, NOTIFICATIONS_DLQ)),
          "feeder", new Access(Set.of(), Set.of(RAW)));

  private record Access(Set<String> reads, Set<String> writes) {}

  private static SecuredKafkaCluster kafka;

  /** What stopped a Kafka Streams app of a test, so the test fails with it rather than waiting. */
  private static final AtomicReference<AssertionError> STREAMS_FAILURE = new AtomicReference<>();

  @BeforeAll
  static void startTheSecuredBrokerWithTheUsersAndAclsOfCompose() {
    kafka =
        SecuredKafkaCluster.startAsCompose(
            Path.of("target", "secured-" + UUID.randomUUID()).toAbsolutePath(),
            Path.of("..", KafkaAcls.FILE));

    // topic-init's part: the contract's topics and the alert service's delivery log, one probe each
    List<TopicSpec> topics = new ArrayList<>(TopicSpec.DEFAULTS);
    topics.add(new TopicSpec(DELIVERIES, 1, true));
    try (Admin admin = Admin.create(kafka.adminProperties())) {
      TopicSpec.ensureExist(admin, topics, (short) -1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    try (KafkaProducer<String, String> admin = producer("admin")) {
      for (TopicSpec topic : topics) {
        admin.send(new ProducerRecord<>(topic.name(), "probe", "probe")).get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void shouldRefuseTheIngestPrincipalWritingScores() {
    try (KafkaProducer<String, String> ingest = producer("ingest")) {
      assertThatThrownBy(() -> send(ingest, SCORES))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void shouldLetAFeederWriteTheRawTopicAndNothingElse() throws Exception {
    try (KafkaProducer<String, String> feeder = producer("feeder")) {
      send(feeder, RAW);
      assertThatThrownBy(() -> send(feeder, INDICATORS))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    assertThatThrownBy(() -> readOne("feeder", RAW))
        .isInstanceOf(TopicAuthorizationException.class);
    try (KafkaConsumer<String, String> grouped = consumer("feeder", "ingest-service-raw")) {
      grouped.subscribe(List.of(RAW));
      assertThatThrownBy(() -> grouped.poll(Duration.ofSeconds(10)))
          .isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class);
    }
    try (Admin feeder = Admin.create(kafka.clientProperties("feeder", password("feeder")))) {
      assertThat(feeder.listTopics().names().get(30, TimeUnit.SECONDS))
          .as("the topics the feeder can see")
          .containsExactly(RAW);
    }
  }

  @Test
  void shouldLetEachServiceWriteExactlyItsOwnTopics() {
    for (var principal : EXPECTED.entrySet()) {
      try (KafkaProducer<String, String> producer = producer(principal.getKey())) {
        for (TopicSpec topic : TopicSpec.DEFAULTS) {
          if (principal.getValue().writes().contains(topic.name())) {
            assertWrites(principal.getKey() + " writes " + topic.name(), producer, topic.name());
          } else {
            assertThatThrownBy(() -> send(producer, topic.name()))
                .as("%s writes %s", principal.getKey(), topic.name())
                .hasCauseInstanceOf(TopicAuthorizationException.class);
          }
        }
      }
    }
  }

  @Test
  void shouldLetEachServiceReadExactlyItsOwnTopics() {
    for (var principal : EXPECTED.entrySet()) {
      for (TopicSpec topic : TopicSpec.DEFAULTS) {
        String who = principal.getKey();
        if (principal.getValue().reads().contains(topic.name())) {
          assertThat(readOne(who, topic.name())).as("%s reads %s", who, topic.name()).isNotNull();
        } else {
          assertThatThrownBy(() -> readOne(who, topic.name()))
              .as("%s reads %s", who, topic.name())
              .isInstanceOf(TopicAuthorizationException.class);
        }
      }
    }
  }

  @Test
  void shouldLetIngestFindItsTopicsAndRouteTheRawTopicInItsGroup() throws Exception {
    List<TopicSpec> own =
        List.of(RAW, INDICATORS, DLQ, REGISTRY).stream().map(TopicSpec::byDefaultName).toList();
    try (Admin admin = Admin.create(kafka.clientProperties("ingest", password("ingest")))) {
      TopicSpec.ensureExist(admin, own, (short) -1);
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .containsExactlyInAnyOrder(RAW, INDICATORS, DLQ, REGISTRY);
    }
    try (KafkaConsumer<String, String> raw = consumer("ingest", "ingest-service-raw")) {
      raw.subscribe(List.of(RAW));
      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                raw.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
              });
      raw.commitSync();
      assertThat(raw.committed(Set.of(new TopicPartition(RAW, 0)))).isNotEmpty();
    }
  }

  @Test
  void shouldRunScoringsExactlyOnceStreamsUnderItsApplicationId() {
    String marker = "scored-" + UUID.randomUUID();
    StreamsBuilder builder = new StreamsBuilder();
    builder.globalTable(REGISTRY, Consumed.with(Serdes.String(), Serdes.String()));
    builder.stream(INDICATORS, Consumed.with(Serdes.String(), Serdes.String()))
        .selectKey((key, value) -> value)
        .groupByKey()
        .count()
        .toStream()
        .mapValues(String::valueOf)
        .to(SCORES, Produced.with(Serdes.String(), Serdes.String()));
    try (KafkaStreams streams = streams("scoring", "alliance-watch-scoring-2026.1", builder)) {
      streams.start();
      try (KafkaProducer<String, String> ingest = producer("ingest")) {
        ingest.send(new ProducerRecord<>(INDICATORS, "NATO", marker)).get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      assertThat(readUntil("scoring", SCORES, marker)).isEqualTo("1");
      assertThat(STREAMS_FAILURE.get()).isNull();
    }
  }

  @Test
  void shouldRunTheAlertEngineAndItsClientsUnderTheAlertPrincipal() throws Exception {
    String marker = "alerted-" + UUID.randomUUID();
    StreamsBuilder builder = new StreamsBuilder();
    builder.table(SUBSCRIPTIONS, Consumed.with(Serdes.String(), Serdes.String()));
    builder.stream(SCORES, Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .count()
        .toStream()
        .mapValues(String::valueOf)
        .to(NOTIFICATIONS, Produced.with(Serdes.String(), Serdes.String()));
    try (KafkaStreams streams = streams("alert", "alert-service", builder)) {
      streams.start();
      try (KafkaProducer<String, String> scoring = producer("scoring")) {
        scoring.send(new ProducerRecord<>(SCORES, marker, "0.5")).get(30, TimeUnit.SECONDS);
      }
      assertThat(readUntil("alert", NOTIFICATIONS, marker)).isEqualTo("1");
    }
    try (KafkaProducer<String, String> alert = producer("alert")) {
      for (String topic : List.of(SUBSCRIPTIONS, NOTIFICATIONS_DLQ, DELIVERIES)) {
        assertWrites("alert writes " + topic, alert, topic);
      }
    }
    assertThat(readOne("alert", DELIVERIES)).isNotNull();
    try (KafkaConsumer<String, String> delivery = consumer("alert", "alert-service-delivery")) {
      delivery.subscribe(List.of(NOTIFICATIONS));
      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                delivery.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
              });
      delivery.commitSync();
    }
  }

  private static KafkaStreams streams(String user, String applicationId, StreamsBuilder builder) {
    Properties props = new Properties();
    props.putAll(kafka.clientProperties(user, password(user)));
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        Path.of("target", "streams-" + UUID.randomUUID()).toAbsolutePath().toString());
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    streams.setUncaughtExceptionHandler(
        e -> {
          STREAMS_FAILURE.set(new AssertionError(applicationId + " failed as " + user, e));
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    return streams;
  }

  /** The value of the first record keyed {@code key}, read as {@code user} (read_committed). */
  private static String readUntil(String user, String topic, String key) {
    try (KafkaConsumer<String, String> consumer = consumer(user, null)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<String, String> seen = new HashMap<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                if (STREAMS_FAILURE.get() != null) {
                  throw STREAMS_FAILURE.get();
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.put(r.key(), r.value()));
                return seen.containsKey(key);
              });
      return seen.get(key);
    }
  }

  /** A record of the topic, read by assignment as the topic readers of the services do. */
  private static ConsumerRecord<String, String> readOne(String user, String topic) {
    try (KafkaConsumer<String, String> consumer = consumer(user, null)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<String, String>> read = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
              });
      return read.get(0);
    }
  }

  private static void assertWrites(
      String what, KafkaProducer<String, String> producer, String topic) {
    try {
      send(producer, topic);
    } catch (Exception e) {
      throw new AssertionError(what + ": refused", e);
    }
  }

  private static void send(KafkaProducer<String, String> producer, String topic) throws Exception {
    producer
        .send(new ProducerRecord<>(topic, "acl-test", "acl-test".repeat(2)))
        .get(30, TimeUnit.SECONDS);
  }

  private static KafkaProducer<String, String> producer(String user) {
    Map<String, Object> props = kafka.clientProperties(user, password(user));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(String user, String groupId) {
    Map<String, Object> props = kafka.clientProperties(user, password(user));
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (groupId != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }

  private static String password(String user) {
    return SecuredKafkaCluster.defaultPassword(user);
  }
}
