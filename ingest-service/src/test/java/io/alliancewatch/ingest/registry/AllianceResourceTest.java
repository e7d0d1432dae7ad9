package io.alliancewatch.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.alliancewatch.ingest.http.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The registry endpoints before the registry has been read from Kafka (a registry not started). */
class AllianceResourceTest {

  private final AllianceResource resource =
      new AllianceResource(new AllianceRegistry(null, null, null), null);

  @Test
  void givenTheRegistryNotLoadedYet_thenReadsAndPutsAre503WithRetryAfter() {
    ProblemException all = catchThrowableOfType(ProblemException.class, resource::all);
    ProblemException one = catchThrowableOfType(ProblemException.class, () -> resource.one("NATO"));
    ProblemException put =
        catchThrowableOfType(
            ProblemException.class,
            () ->
                resource.put(
                    "NATO",
                    "application/json",
                    new ByteArrayInputStream(
                        "{\"name\":\"x\",\"members\":[\"DEU\"]}"
                            .getBytes(StandardCharsets.UTF_8))));

    for (ProblemException refused : new ProblemException[] {all, one, put}) {
      assertThat(refused.problem().status()).isEqualTo(503);
      assertThat(refused.headers()).containsKey("Retry-After");
    }
  }
}
