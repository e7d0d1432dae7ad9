package io.alliancewatch.e2e;

import static io.alliancewatch.e2e.system.Feed.awaitCountedOnce;
import static io.alliancewatch.e2e.system.Feed.distinct;
import static io.alliancewatch.e2e.system.Feed.newAlliance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.e2e.system.EventStream;
import io.alliancewatch.e2e.system.Feed;
import io.alliancewatch.e2e.system.RunningSystem;
import io.alliancewatch.e2e.system.WebhookReceiver;
import io.alliancewatch.kafka.KafkaNodes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The three services on a three-node KRaft cluster (each node broker and controller, in its own
 * process; three replicas, two in sync, as docker-compose.yml): a node stopped, and later another
 * killed with SIGKILL, while a feeder streams events and a subscriber waits for an alert. Writes go
 * on with two nodes, nothing acknowledged is lost, the services are never restarted, and the
 * cluster heals when the node is back.
 */
@Order(3)
class BrokerLossIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private static RunningSystem system;

  @BeforeAll
  static void startOnThreeNodes() {
    system = RunningSystem.startOnCluster("cluster", 3);
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
  }

  private interface Fault {
    void happen() throws Exception;
  }

  /**
   * {@code fault} takes node {@code id} away while the stream goes on; once 20 more batches are
   * accepted the node starts again, and this returns, with the slowest POST meanwhile (ms), when
   * every partition is back in sync.
   */
  private static long loseAndHeal(KafkaNodes cluster, int id, EventStream stream, Fault fault)
      throws Exception {
    stream.mark();
    fault.happen();
    await().atMost(PATIENCE).until(() -> stream.acceptedSinceMark() >= 20);
    long slowest = stream.mark();
    cluster.start(id);
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> cluster.underReplicated().isEmpty());
    return slowest;
  }

  @Test
  void givenANodeStoppedAndLaterOneKilledDuringAStream_thenWritesGoOn_nothingIsLost_andItHeals()
      throws Exception {
    KafkaNodes cluster = system.cluster();
    String alliance = newAlliance(system, "QUORUM");
    List<Long> servicePids =
        List.of(system.ingest().pid(), system.scoring().pid(), system.alerts().pid());
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      Feed.watchCohesion(system, alliance, receiver);
      int accepted;
      try (EventStream stream = new EventStream(system, alliance)) {
        await().atMost(PATIENCE).until(() -> stream.accepted() >= 20);
        // every partition of the services' topics has three replicas
        try (var admin = cluster.admin()) {
          assertThat(
                  admin
                      .describeTopics(List.of("alliance.indicators", "alliance.scores"))
                      .allTopicNames()
                      .get(30, TimeUnit.SECONDS)
                      .values())
              .allSatisfy(
                  topic ->
                      assertThat(topic.partitions())
                          .allSatisfy(p -> assertThat(p.replicas()).hasSize(3)));
        }

        // a controlled shutdown of node 2: its partitions move to the other two at once
        long slowestWhileStopped = loseAndHeal(cluster, 2, stream, () -> cluster.stop(2));
        // a crash of node 3: its partitions move once its broker session times out
        long slowestWhileKilled = loseAndHeal(cluster, 3, stream, () -> cluster.kill(3));

        await().atMost(PATIENCE).until(() -> stream.acceptedSinceMark() >= 40);
        stream.close();
        accepted = stream.accepted();
        System.out.printf(
            "three nodes, one stopped then one killed: %d batches accepted, %d refused and resent;"
                + " slowest POST %d ms after the stop, %d ms after the kill%n",
            accepted, stream.refusals(), slowestWhileStopped, slowestWhileKilled);
      }

      // every event acknowledged is counted, once (2 per batch)
      awaitCountedOnce(system, alliance, 2L * accepted, PATIENCE);
      // tensions only: the alliance's cohesion fell below 70 once, one alert, sent once
      await().atMost(PATIENCE).until(() -> distinct(receiver).size() >= 1);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> distinct(receiver).size() == 1);
      JsonNode firing = distinct(receiver).get(0);
      assertThat(firing.path("status").asText()).isEqualTo("firing");
    }
    // the services rode it out: the same processes, still up
    assertThat(system.ingest().isAlive()).isTrue();
    assertThat(system.scoring().isAlive()).isTrue();
    assertThat(system.alerts().isAlive()).isTrue();
    assertThat(List.of(system.ingest().pid(), system.scoring().pid(), system.alerts().pid()))
        .isEqualTo(servicePids);
  }
}
