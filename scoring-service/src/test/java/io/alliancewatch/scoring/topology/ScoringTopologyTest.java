package io.alliancewatch.scoring.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.ScoreRecord;
import io.alliancewatch.contracts.Topics;
import io.alliancewatch.scoring.model.ModelConfig;
import io.alliancewatch.scoring.model.ScoringModel;
import io.alliancewatch.scoring.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The topology with Kafka's TopologyTestDriver: no broker, a wall clock the test moves. */
class ScoringTopologyTest {

  private static final Instant LATEST_AUKUS_EVENT = Instant.parse("2026-03-10T12:00:00Z");
  private static final Duration TICK = Duration.ofSeconds(60);
  private static final Duration EMIT = Duration.ofMillis(20);

  private final CountingMetrics metrics = new CountingMetrics();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> indicators;
  private TestInputTopic<String, Alliance> registry;
  private TestOutputTopic<String, ScoreRecord> scores;

  /**
   * Starts the driver an emit interval before {@code now}: the first {@link #emit()} brings the
   * wall clock to {@code now}, so records are as of it.
   */
  private void start(Instant now) {
    start(now, ScoringTopology.Settings.defaults().historyRetention());
  }

  private void start(Instant now, Duration historyRetention) {
    Instant wallClock = now.minus(EMIT);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        Path.of("target", "ttd-" + UUID.randomUUID()).toAbsolutePath().toString());
    ScoringTopology.Settings settings = ScoringTopology.Settings.defaults();
    settings =
        new ScoringTopology.Settings(
            settings.indicatorsTopic(),
            settings.registryTopic(),
            settings.scoresTopic(),
            TICK,
            EMIT,
            historyRetention);
    driver =
        new TopologyTestDriver(
            ScoringTopology.build(new ScoringModel(ModelConfig.load("2026.1")), settings, metrics),
            props,
            wallClock);
    indicators =
        driver.createInputTopic(
            Topics.INDICATORS.name(),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
    registry =
        driver.createInputTopic(
            Topics.REGISTRY.name(),
            Serdes.String().serializer(),
            Topics.REGISTRY.valueSerde().serializer());
    scores =
        driver.createOutputTopic(
            Topics.SCORES.name(),
            Serdes.String().deserializer(),
            Topics.SCORES.valueSerde().deserializer());
    TestData.alliances().values().forEach(a -> registry.pipeInput(a.id(), a));
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  /** One emit interval of the wall clock: the pending alliances get their records, a commit. */
  private void emit() {
    driver.advanceWallClockTime(EMIT);
  }

  private void send(IndicatorEvent event) {
    indicators.pipeInput(
        event.allianceId(), Topics.INDICATORS.valueSerde().serializer().serialize("t", event));
  }

  @Test
  void givenTheAukusExample_whenPipedInOneCommit_thenOneRecordAfterAllAndTheDuplicateNotCounted() {
    start(LATEST_AUKUS_EVENT);

    TestData.aukusExample().forEach(this::send);
    assertThat(scores.isEmpty()).as("nothing before the emit interval").isTrue();
    emit();

    List<ScoreRecord> records = scores.readValuesToList();
    assertThat(records).hasSize(1);
    ScoreRecord last = records.get(0);
    assertThat(last.asOf()).isEqualTo(LATEST_AUKUS_EVENT);
    assertThat(last.cohesion()).isCloseTo(78.6962, within(0.005));
    assertThat(last.risk()).isCloseTo(25.5940, within(0.005));
    assertThat(last.eventCount()).isEqualTo(3);
    assertThat(last.modelVersion()).isEqualTo("2026.1");
    assertThat(last.membersNotReporting()).containsExactly("AUS", "GBR", "USA");
    assertThat(metrics.count("duplicate")).isEqualTo(1);
    assertThat(metrics.count("counted")).isEqualTo(3);
  }

  @Test
  void givenAnEventWithATraceContext_whenScored_thenTheScoreRecordCarriesItAndNothingElse() {
    start(LATEST_AUKUS_EVENT);
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    IndicatorEvent event = TestData.aukusExample().get(0);
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
    headers.add("tracestate", "aw=1".getBytes(StandardCharsets.UTF_8));
    headers.add("x-feeder-secret", "not for scores".getBytes(StandardCharsets.UTF_8));

    indicators.pipeInput(
        new TestRecord<>(
            event.allianceId(),
            Topics.INDICATORS.valueSerde().serializer().serialize("t", event),
            headers,
            LATEST_AUKUS_EVENT));
    emit();

    TestRecord<String, ScoreRecord> score = scores.readRecord();
    assertThat(new String(score.headers().lastHeader("traceparent").value(), UTF_8))
        .isEqualTo(traceparent);
    assertThat(new String(score.headers().lastHeader("tracestate").value(), UTF_8))
        .isEqualTo("aw=1");
    assertThat(score.headers().lastHeader("x-feeder-secret")).isNull();
  }

  @Test
  void givenAWallClockAfterTheLatestEvent_whenAnEventArrives_thenTheRecordIsAsOfNow() {
    Instant now = Instant.parse("2026-03-24T12:00:00Z");
    start(now);

    TestData.aukusExample().forEach(this::send);
    emit();

    ScoreRecord last = scores.readValuesToList().get(0);
    assertThat(last.asOf()).isEqualTo(now);
    assertThat(last.referenceTime()).isEqualTo(LATEST_AUKUS_EVENT);
    assertThat(last.cohesion()).isCloseTo(79.2592, within(0.005));
  }

  @Test
  void givenQuietAlliances_whenTheWallClockTicks_thenOnlyScoresThatMovedAreReEmitted() {
    start(LATEST_AUKUS_EVENT);
    TestData.aukusExample().forEach(this::send);
    emit();
    scores.readValuesToList();

    driver.advanceWallClockTime(TICK); // one minute of fading moves nothing by 0.01
    assertThat(scores.isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofDays(14).minus(TICK));
    List<ScoreRecord> ticked = scores.readValuesToList();

    assertThat(ticked).hasSize(1);
    assertThat(ticked.get(0).asOf()).isEqualTo(Instant.parse("2026-03-24T12:00:00Z"));
    assertThat(ticked.get(0).cohesion()).isCloseTo(79.2592, within(0.005));
    assertThat(ticked.get(0).risk()).isCloseTo(22.7221, within(0.005));
    assertThat(ticked.get(0).contributions().risk().get("CYBER_INCIDENT"))
        .isCloseTo(0.14, within(0.00001));
    assertThat(metrics.count("emitted:tick")).isEqualTo(1);
    assertThat(metrics.count("tick")).as("ticks timed").isPositive();
  }

  @Test
  void givenAnAllianceAtRestAt80And20_whenTheClockTicks_thenNothingIsEmittedAgain() {
    start(LATEST_AUKUS_EVENT);
    send(TestData.spending("nato-dex", "GBR-2025", "AUKUS", "GBR", 2.3, LATEST_AUKUS_EVENT));
    emit();
    assertThat(scores.readValuesToList()).hasSize(1);

    driver.advanceWallClockTime(Duration.ofDays(365));

    assertThat(scores.isEmpty()).isTrue();
  }

  @Test
  void givenUnreadableAndInvalidRecords_whenPiped_thenEachIsCountedAndNothingIsEmitted() {
    start(LATEST_AUKUS_EVENT);

    indicators.pipeInput("AUKUS", "{not json".getBytes(StandardCharsets.UTF_8));
    indicators.pipeInput("AUKUS", (byte[]) null);
    IndicatorEvent otherAlliance = TestData.aukusExample().get(0);
    indicators.pipeInput(
        "NATO", Topics.INDICATORS.valueSerde().serializer().serialize("t", otherAlliance));
    emit();

    assertThat(scores.isEmpty()).isTrue();
    assertThat(metrics.count("rejected:unreadable")).isEqualTo(2);
    assertThat(metrics.count("rejected:invalid")).isEqualTo(1);
  }

  @Test
  void givenAnOffsetAndLowerCaseOccurredAt_whenPiped_thenTheInstantCounts() {
    start(LATEST_AUKUS_EVENT);
    String json =
        "{\"id\":\"x\",\"source\":\"analyst\",\"type\":\"CYBER_INCIDENT\",\"allianceId\":\"AUKUS\","
            + "\"country\":\"GBR\",\"severity\":0.8,\"occurredAt\":\"2026-03-10t13:00:00+01:00\","
            + "\"ingestedAt\":\"2026-03-10T12:00:01Z\"}";

    indicators.pipeInput("AUKUS", json.getBytes(StandardCharsets.UTF_8));
    emit();

    ScoreRecord record = scores.readValue();
    assertThat(record.referenceTime()).isEqualTo(LATEST_AUKUS_EVENT);
    assertThat(record.contributions().risk().get("CYBER_INCIDENT")).isCloseTo(0.28, within(1e-12));
  }

  @Test
  void givenNatoSpendingInAnyOrder_whenPiped_thenTheLastRecordMatchesExample2() throws Exception {
    start(Instant.parse("2025-01-01T00:00:00Z"));
    TestData.natoSpending(2024).forEach(this::send);
    TestData.natoSpending(2014).forEach(this::send);
    emit();

    List<ScoreRecord> records = scores.readValuesToList();

    assertThat(records).as("one commit, one record").hasSize(1);
    ScoreRecord last = records.get(0);
    assertThat(last.cohesion()).isCloseTo(77.5087, within(0.005));
    assertThat(last.risk()).isCloseTo(21.2227, within(0.005));
    assertThat(last.eventCount()).isEqualTo(62);
    assertThat(last.membersNotReporting()).containsExactly("ISL");
    // the record on the wire names every field of scoring.md section 7
    assertThat(Json.mapper().readTree(Json.mapper().writeValueAsBytes(last)).fieldNames())
        .toIterable()
        .containsExactly(
            "allianceId",
            "asOf",
            "cohesion",
            "risk",
            "modelVersion",
            "referenceTime",
            "eventCount",
            "contributions",
            "drivers",
            "spendingShortfall",
            "membersBelowGuideline",
            "membersNotReporting");
  }

  @Test
  void givenAThousandEventsOfOneAllianceInOneCommit_thenOneRecordEqualToTheModelsAfterAll() {
    Instant now = Instant.parse("2026-03-20T00:00:00Z");
    start(now);
    List<IndicatorEvent> burst = TestData.burst("AUKUS", 1000, now.minus(Duration.ofDays(5)));
    burst.forEach(this::send);
    emit();

    List<ScoreRecord> records = scores.readValuesToList();
    assertThat(records).hasSize(1);
    ScoreModelReplay.assertSameScore(
        records.get(0), ScoreModelReplay.expected("AUKUS", burst, now));
    assertThat(records.get(0).eventCount()).isEqualTo(1000);
    assertThat(metrics.count("emitted:event")).isEqualTo(1);
  }

  @Test
  void givenTwoCommits_thenTwoRecordsTheSecondAfterEveryEvent() {
    Instant now = Instant.parse("2026-03-20T00:00:00Z");
    start(now);
    List<IndicatorEvent> burst = TestData.burst("AUKUS", 600, now.minus(Duration.ofDays(5)));
    burst.subList(0, 300).forEach(this::send);
    emit();
    burst.subList(300, 600).forEach(this::send);
    emit();

    List<ScoreRecord> records = scores.readValuesToList();
    assertThat(records).hasSize(2);
    assertThat(records.get(0).eventCount()).isEqualTo(300);
    assertThat(records.get(1).eventCount()).isEqualTo(600);
    ScoreModelReplay.assertSameScore(
        records.get(1), ScoreModelReplay.expected("AUKUS", burst, now.plus(EMIT)));
  }

  @Test
  void givenTwoAlliancesInOneCommit_thenOneRecordEachAndNoneWithoutNewEvents() {
    Instant now = Instant.parse("2026-03-20T00:00:00Z");
    start(now);
    TestData.burst("AUKUS", 50, now.minus(Duration.ofDays(1))).forEach(this::send);
    TestData.burst("QUAD", 50, now.minus(Duration.ofDays(1))).forEach(this::send);
    emit();
    assertThat(scores.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .containsExactlyInAnyOrder("AUKUS", "QUAD");

    emit(); // nothing counted since: nothing emitted
    assertThat(scores.isEmpty()).isTrue();
  }

  /** The history store's records of {@code allianceId}, oldest first. */
  private List<ScoreRecord> history(String allianceId) {
    WindowStore<String, ScoreRecord> history = driver.getWindowStore(ScoringTopology.HISTORY_STORE);
    List<ScoreRecord> records = new ArrayList<>();
    try (WindowStoreIterator<ScoreRecord> all =
        history.fetch(allianceId, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))) {
      all.forEachRemaining(entry -> records.add(entry.value));
    }
    return records;
  }

  @Test
  void givenCommitsAndATick_thenTheHistoryOnDiskHoldsEveryRecordEmittedInOrder() {
    Instant now = Instant.parse("2026-03-20T00:00:00Z");
    start(now);
    List<IndicatorEvent> burst = TestData.burst("AUKUS", 200, now.minus(Duration.ofDays(5)));
    burst.subList(0, 100).forEach(this::send);
    emit();
    burst.subList(100, 200).forEach(this::send);
    emit();
    driver.advanceWallClockTime(Duration.ofDays(14)); // a tick that moves the faded scores

    List<ScoreRecord> emitted = scores.readValuesToList();
    assertThat(emitted).hasSize(3);
    assertThat(history("AUKUS")).containsExactlyElementsOf(emitted);
    assertThat(history("QUAD")).isEmpty();
  }

  @Test
  void givenARetentionOfTwoDays_whenRecordsAgeBeyondIt_thenTheHistoryNoLongerHoldsThem() {
    start(LATEST_AUKUS_EVENT, Duration.ofDays(2));
    TestData.aukusExample().forEach(this::send);
    emit();
    ScoreRecord first = scores.readValue();
    assertThat(history("AUKUS")).containsExactly(first);

    driver.advanceWallClockTime(Duration.ofDays(14));

    ScoreRecord ticked = scores.readValue();
    assertThat(history("AUKUS"))
        .as("the first is 14 days older than the newest")
        .containsExactly(ticked);
  }
}
