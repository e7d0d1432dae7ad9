package io.alliancewatch.http.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Not alive while threads of the service are deadlocked (on monitors or on {@code
 * java.util.concurrent} locks): such a JVM may still answer, but what those threads do never
 * happens again, and only a restart ends it. The JVM finds the cycles itself ({@link
 * ThreadMXBean#findDeadlockedThreads}).
 */
@Liveness
@ApplicationScoped
public class DeadlockCheck implements HealthCheck {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  @Override
  public HealthCheckResponse call() {
    long[] deadlocked = threads.findDeadlockedThreads();
    if (deadlocked == null) {
      return HealthCheckResponse.up("deadlocks");
    }
    String names =
        Arrays.stream(threads.getThreadInfo(deadlocked))
            .filter(java.util.Objects::nonNull)
            .map(ThreadInfo::getThreadName)
            .sorted()
            .collect(Collectors.joining(", "));
    return HealthCheckResponse.named("deadlocks").down().withData("threads", names).build();
  }
}
