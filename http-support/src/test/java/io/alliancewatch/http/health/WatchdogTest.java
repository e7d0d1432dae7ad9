package io.alliancewatch.http.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watchdog against real sockets: a server that answers, one that says DOWN, one that hangs. */
class WatchdogTest {

  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final Duration EXIT_AFTER = Duration.ofSeconds(1);

  /** A liveness endpoint whose status is {@code status} (200 UP, 503 DOWN) at each request. */
  private static HttpServer liveness(AtomicInteger status, AtomicInteger asked) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/q/health/live",
        exchange -> {
          asked.incrementAndGet();
          byte[] body =
              (status.get() == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static URI url(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/q/health/live");
  }

  @Test
  void givenAServiceThatAcceptsButNeverAnswers_thenItIsWedgedOnceExitAfterHasPassed()
      throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // read nothing, answer nothing
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      CountDownLatch wedged = new CountDownLatch(1);
      List<String> seen = new CopyOnWriteArrayList<>();
      long start = System.nanoTime();
      try (Watchdog watchdog =
          new Watchdog(
              URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/q/health/live"),
              INTERVAL,
              TIMEOUT,
              EXIT_AFTER,
              failure -> {
                seen.add(failure);
                wedged.countDown();
              })) {
        assertThat(wedged.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(EXIT_AFTER);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).containsIgnoringCase("timed out");
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void givenLivenessDownLongerThanExitAfter_thenWedged_butAShorterDownIsForgiven()
      throws Exception {
    AtomicInteger status = new AtomicInteger(200);
    AtomicInteger asked = new AtomicInteger();
    HttpServer server = liveness(status, asked);
    List<String> wedged = new CopyOnWriteArrayList<>();
    CountDownLatch fired = new CountDownLatch(1);
    try (Watchdog watchdog =
        new Watchdog(
            url(server),
            INTERVAL,
            TIMEOUT,
            EXIT_AFTER,
            failure -> {
              wedged.add(failure);
              fired.countDown();
            })) {
      // healthy: probed again and again, never wedged
      await(() -> asked.get() >= 5);
      // down for less than exit-after, then up again: forgiven
      status.set(503);
      int before = asked.get();
      await(() -> asked.get() >= before + 3);
      status.set(200);
      int recovered = asked.get();
      await(() -> asked.get() >= recovered + 12); // 1.2 s of probes, longer than exit-after
      assertThat(wedged).isEmpty();
      // down for good: wedged once, with what the probe saw
      status.set(503);
      assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
      int after = asked.get();
      await(() -> asked.get() >= after + 5);
      assertThat(wedged).hasSize(1);
      assertThat(wedged.get(0)).startsWith("503").contains("DOWN");
    } finally {
      server.stop(0);
    }
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(condition);
  }
}
