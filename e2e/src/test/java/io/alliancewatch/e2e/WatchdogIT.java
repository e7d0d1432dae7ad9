package io.alliancewatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.e2e.system.RunningSystem;
import io.alliancewatch.e2e.system.RunningSystemExtension;
import io.alliancewatch.kafka.ServiceProcess;
import io.alliancewatch.kafka.StandaloneKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A built service whose liveness stops answering ends itself (exit status 70), so that a supervisor
 * starts it again: here its watchdog is pointed at a socket that accepts and never answers, as a
 * wedged JVM does, with a short exit-after. (Every other test of the run runs the services with the
 * watchdog at its default of 60 s: a healthy service is never ended by it.)
 */
@Order(4)
@ExtendWith(RunningSystemExtension.class)
class WatchdogIT {

  @Test
  void givenLivenessThatNeverAnswers_thenTheServiceExitsWithStatus70(RunningSystem system)
      throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // reads nothing, answers nothing
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              },
              "silent-liveness");
      acceptor.setDaemon(true);
      acceptor.start();

      Map<String, String> config = new HashMap<>(system.configOf("ingest-service"));
      config.put(
          "alliancewatch.watchdog.url",
          "http://127.0.0.1:" + silent.getLocalPort() + "/q/health/live");
      config.put("alliancewatch.watchdog.interval", "1s");
      config.put("alliancewatch.watchdog.timeout", "1s");
      config.put("alliancewatch.watchdog.exit-after", "3s");
      ServiceProcess ingest =
          ServiceProcess.start(
              system.root(),
              "ingest-service",
              StandaloneKafka.freePort(),
              config,
              system.workDir().resolve("logs/watchdog"));
      try {
        OptionalInt status = ingest.awaitExit(Duration.ofMinutes(3));
        assertThat(status).as("ended by its watchdog").hasValue(70);
        assertThat(
                java.nio.file.Files.readString(
                    system.workDir().resolve("logs/watchdog/ingest-service.log")))
            .contains("the service is wedged; exiting with status 70");
      } finally {
        ingest.kill();
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
