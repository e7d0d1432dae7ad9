package io.alliancewatch.scoring.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The reference data of shared/data, copied into the test resources, as the tests need it. */
public final class TestData {

  private TestData() {}

  /** The registry the system starts with (alliances.json), by id. */
  public static Map<String, Alliance> alliances() {
    try (InputStream in = resource("reference/alliances.json")) {
      Map<String, Alliance> byId = new TreeMap<>();
      for (JsonNode node : Json.mapper().readTree(in).path("alliances")) {
        List<String> members = new ArrayList<>();
        node.path("members").forEach(member -> members.add(member.asText()));
        JsonNode guideline = node.path("guidelinePctGdp");
        byId.put(
            node.path("id").asText(),
            new Alliance(
                node.path("id").asText(),
                node.path("name").asText(),
                members,
                guideline.isNumber() ? guideline.doubleValue() : null));
      }
      return byId;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The rows of nato-defence-expenditure.csv for {@code year}, as the importer turns them into
   * events (sources.md): source nato-dex, id {country}-{year}, occurredAt 31 December.
   */
  public static List<IndicatorEvent> natoSpending(int year) {
    List<IndicatorEvent> events = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                resource("reference/nato-defence-expenditure.csv"), StandardCharsets.UTF_8))) {
      reader.readLine(); // header: country,year,pct_gdp
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String[] cells = line.split(",");
        if (cells.length == 3 && Integer.parseInt(cells[1]) == year) {
          events.add(
              spending(
                  "nato-dex",
                  cells[0] + "-" + year,
                  "NATO",
                  cells[0],
                  Double.parseDouble(cells[2]),
                  Instant.parse(year + "-12-31T00:00:00Z")));
        }
      }
      return events;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static IndicatorEvent event(
      String source,
      String id,
      IndicatorType type,
      String allianceId,
      String country,
      double severity,
      Double confidence,
      String occurredAt) {
    return new IndicatorEvent(
        id,
        source,
        type,
        allianceId,
        country,
        null,
        severity,
        null,
        confidence,
        Instant.parse(occurredAt),
        null,
        null,
        Instant.parse(occurredAt));
  }

  public static IndicatorEvent spending(
      String source, String id, String allianceId, String country, double value, Instant at) {
    return new IndicatorEvent(
        id,
        source,
        IndicatorType.DEFENSE_SPENDING,
        allianceId,
        country,
        null,
        null,
        value,
        null,
        at,
        null,
        null,
        at);
  }

  /** The four AUKUS events of scoring.md example 4, the fourth repeating the second. */
  public static List<IndicatorEvent> aukusExample() {
    IndicatorEvent tension =
        new IndicatorEvent(
            "a1",
            "analyst",
            IndicatorType.POLITICAL_TENSION,
            "AUKUS",
            "AUS",
            "USA",
            0.6,
            null,
            0.9,
            Instant.parse("2026-03-01T00:00:00Z"),
            null,
            null,
            Instant.parse("2026-03-01T00:00:00Z"));
    IndicatorEvent cyber =
        event(
            "analyst",
            "a2",
            IndicatorType.CYBER_INCIDENT,
            "AUKUS",
            "GBR",
            0.8,
            1.0,
            "2026-03-10T12:00:00Z");
    IndicatorEvent exercise =
        event(
            "analyst",
            "a3",
            IndicatorType.JOINT_EXERCISE,
            "AUKUS",
            "AUS",
            0.5,
            1.0,
            "2026-03-05T00:00:00Z");
    return List.of(tension, cyber, exercise, cyber);
  }

  private static InputStream resource(String name) {
    InputStream in = TestData.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return in;
  }

  /**
   * {@code count} distinct events for {@code allianceId}, of every non-spending type in turn, by
   * members of AUKUS and the Quad, over the day before {@code latest} (the last at {@code latest}).
   */
  public static List<IndicatorEvent> burst(String allianceId, int count, Instant latest) {
    IndicatorType[] types =
        java.util.Arrays.stream(IndicatorType.values())
            .filter(t -> t != IndicatorType.DEFENSE_SPENDING)
            .toArray(IndicatorType[]::new);
    String[] countries =
        "QUAD".equals(allianceId)
            ? new String[] {"AUS", "IND", "JPN", "USA"}
            : new String[] {"AUS", "GBR", "USA"};
    List<IndicatorEvent> events = new java.util.ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant at = latest.minusSeconds(86_400L * (count - 1 - i) / Math.max(1, count - 1));
      events.add(
          event(
              "burst",
              allianceId + "-" + i,
              types[i % types.length],
              allianceId,
              countries[i % countries.length],
              0.1 + 0.9 * ((i * 37) % 100) / 100.0,
              0.5 + 0.5 * ((i * 11) % 10) / 10.0,
              at.toString()));
    }
    return events;
  }
}
