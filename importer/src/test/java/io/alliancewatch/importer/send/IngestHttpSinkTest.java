package io.alliancewatch.importer.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestHttpSinkTest {

  @Test
  void givenIngestUrlsWithAndWithoutAPathPrefix_whenResolved_thenThePrefixIsKept() {
    assertThat(IngestHttpSink.under(URI.create("http://localhost:8081"), "api/indicators"))
        .hasToString("http://localhost:8081/api/indicators");
    assertThat(IngestHttpSink.under(URI.create("http://localhost:8081/"), "api/alliances"))
        .hasToString("http://localhost:8081/api/alliances");
    assertThat(IngestHttpSink.under(URI.create("https://proxy.example/ingest"), "api/indicators"))
        .hasToString("https://proxy.example/ingest/api/indicators");
  }

  @Test
  void givenABatch_whenWrittenAsNdjson_thenOneDocumentPerLineInOrder() {
    byte[] body =
        IngestHttpSink.ndjson(
            List.of(
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                "{\"b\":2}".getBytes(StandardCharsets.UTF_8)));

    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
  }
}
