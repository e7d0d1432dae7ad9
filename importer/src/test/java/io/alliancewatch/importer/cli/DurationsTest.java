package io.alliancewatch.importer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {

  private final Durations durations = new Durations();

  @Test
  void givenShortForms_whenConverted_thenTheyMeanWhatTheySay() {
    assertThat(durations.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(durations.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(durations.convert("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(durations.convert("1H")).isEqualTo(Duration.ofHours(1));
    assertThat(durations.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void givenNonsense_whenConverted_thenTheMessageShowsTheForms() {
    assertThatThrownBy(() -> durations.convert("soon"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("90s");
  }
}
