package io.alliancewatch.importer.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(8, Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void givenRetries_whenNoRetryAfter_thenWaitsDoubleUpToTheCap() {
    assertThat(backoff.delay(0, null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(1, null)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(4, null)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.delay(5, null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delay(60, null)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void givenARetryAfterLongerThanTheBackoff_whenWaiting_thenTheServersWishWinsUpToTheCap() {
    assertThat(backoff.delay(0, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.delay(3, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.delay(0, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
  }
}
