package io.alliancewatch.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

  private static RetryPolicy policy(double random) {
    return new RetryPolicy(
        List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)),
        0.2,
        Duration.ofHours(1),
        () -> random);
  }

  @Test
  void givenTheSchedule_thenEachRetryUsesTheNextStepWithinTwentyPercent() {
    assertThat(policy(0.0).next(1, 500, null, NOW)).contains(Duration.ofSeconds(4));
    assertThat(policy(1.0).next(1, 500, null, NOW)).contains(Duration.ofSeconds(6));
    assertThat(policy(0.5).next(2, null, null, NOW)).contains(Duration.ofMinutes(5));
    assertThat(policy(0.5).next(3, 500, null, NOW)).isEmpty();
    assertThat(policy(0.5).maxAttempts()).isEqualTo(3);
  }

  @Test
  void givenRetryAfterOn429Or503_thenItReplacesTheStep_andIsCappedAtAnHour() {
    assertThat(policy(0.0).next(1, 429, "2", NOW)).contains(Duration.ofSeconds(2));
    assertThat(policy(0.0).next(1, 503, "Tue, 10 Mar 2026 12:00:30 GMT", NOW))
        .contains(Duration.ofSeconds(30));
    assertThat(policy(0.0).next(1, 503, "86400", NOW)).contains(Duration.ofHours(1));
    assertThat(policy(0.0).next(1, 500, "2", NOW)).contains(Duration.ofSeconds(4));
    assertThat(policy(0.0).next(1, 429, "soon", NOW)).contains(Duration.ofSeconds(4));
  }

  @Test
  void givenRetryAfterInTheObsoleteDateFormsOrTooLarge_thenReadAndCapped() {
    // RFC 9110 section 5.6.7: recipients accept the RFC 850 and asctime forms as well
    assertThat(policy(0.0).next(1, 503, "Tuesday, 10-Mar-26 12:01:00 GMT", NOW))
        .contains(Duration.ofMinutes(1));
    assertThat(policy(0.0).next(1, 503, "Tue Mar 10 12:00:45 2026", NOW))
        .contains(Duration.ofSeconds(45));
    assertThat(policy(0.0).next(1, 429, "99999999999999999999", NOW)).contains(Duration.ofHours(1));
    assertThat(policy(0.0).next(1, 429, "Tue, 10 Mar 2026 11:00:00 GMT", NOW))
        .contains(Duration.ZERO);
  }
}
