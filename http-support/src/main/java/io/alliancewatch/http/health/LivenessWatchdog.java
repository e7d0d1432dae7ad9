package io.alliancewatch.http.health;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The service watches its own liveness ({@code /q/health/live}) over HTTP, as a supervisor's probe
 * would, and ends the JVM (exit status 70) once it has failed for {@code
 * alliancewatch.watchdog.exit-after}: a JVM that answers nothing, or is deadlocked, must not look
 * alive, and a supervisor that restarts what exits (docker compose's {@code restart}, systemd,
 * Kubernetes) then starts it again, as it does after {@code -XX:+ExitOnOutOfMemoryError}.
 */
@ApplicationScoped
public class LivenessWatchdog {

  private static final Logger LOG = Logger.getLogger(LivenessWatchdog.class);

  /** The exit status of a JVM the watchdog ended (EX_SOFTWARE). */
  public static final int EXIT_STATUS = 70;

  private final Duration exitAfter;
  private final Duration interval;
  private final Duration timeout;
  private final Optional<URI> url;
  private volatile Watchdog watchdog;

  public LivenessWatchdog(
      @ConfigProperty(name = "alliancewatch.watchdog.exit-after", defaultValue = "60s")
          Duration exitAfter,
      @ConfigProperty(name = "alliancewatch.watchdog.interval", defaultValue = "5s")
          Duration interval,
      @ConfigProperty(name = "alliancewatch.watchdog.timeout", defaultValue = "5s")
          Duration timeout,
      @ConfigProperty(name = "alliancewatch.watchdog.url") Optional<URI> url) {
    this.exitAfter = exitAfter;
    this.interval = interval;
    this.timeout = timeout;
    this.url = url;
  }

  void started(@ObservesAsync HttpServerStart start) { // Quarkus fires it asynchronously
    if (exitAfter.isZero()) {
      LOG.info("liveness watchdog off (alliancewatch.watchdog.exit-after=0)");
      return;
    }
    int port = start.options().getPort();
    URI probed = url.orElse(URI.create("http://127.0.0.1:" + port + "/q/health/live"));
    if (url.isEmpty() && port <= 0) {
      LOG.warn("liveness watchdog off: the HTTP port is not known");
      return;
    }
    watchdog =
        new Watchdog(
            probed,
            interval,
            timeout,
            exitAfter,
            failure -> {
              LOG.errorf(
                  "%s has failed for %s (last: %s): the service is wedged; exiting with status %d"
                      + " so that its supervisor starts it again",
                  probed, exitAfter, failure, EXIT_STATUS);
              Runtime.getRuntime().halt(EXIT_STATUS);
            });
    LOG.infof(
        "liveness watchdog probing %s every %s (exit after %s failing)",
        probed, interval, exitAfter);
  }

  void stopping(@Observes ShutdownEvent event) {
    Watchdog current = watchdog;
    if (current != null) {
      current.close();
    }
  }
}
