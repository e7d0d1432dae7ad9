package io.alliancewatch.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics the README lists and the Grafana dashboard queries against the meters the services
 * register, and the dashboard's other sources against the code.
 */
class MetricsTest {

  private static final String DASHBOARD = "deploy/grafana/dashboards/alliance-watch.json";
  private static final Pattern SERIES =
      Pattern.compile("\\b((?:ingest|scoring|alerts|kafka)_[a-z0-9_]+)\\b");
  private static final Pattern DOCUMENTED = Pattern.compile("`([a-z0-9_]+)(?:\\{([^}]*)})?`");
  private static final Pattern GROUPING = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
  private static final Pattern SELECTOR = Pattern.compile("\\{([^}]*)}");

  /** Labels Prometheus itself adds, and those of histograms and percentiles. */
  private static final Set<String> SERIES_LABELS = Set.of("job", "instance", "le", "quantile");

  private static Map<String, Map<String, ServiceMetrics.Meter>> meters;
  private static JsonNode dashboard;

  @BeforeAll
  static void read() {
    meters = new HashMap<>();
    RepoFiles.SERVICES.forEach(s -> meters.put(s, ServiceMetrics.of(s)));
    dashboard = RepoFiles.json(DASHBOARD);
  }

  @Test
  void readmeListsExactlyTheMetersOfEachServiceWithTheirTags() {
    ReadmeTest.Section table =
        ReadmeTest.sections(RepoFiles.read("README.md")).stream()
            .filter(s -> !s.table().isEmpty() && s.table().get(0).contains("metric"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README has no table of metrics"));
    int metricColumn = table.column("metric");
    Map<String, String> documented = new HashMap<>();
    for (List<String> row : table.table().subList(1, table.table().size())) {
      Matcher m = DOCUMENTED.matcher(row.get(metricColumn));
      while (m.find()) {
        Set<String> tags = new TreeSet<>();
        if (m.group(2) != null) {
          Arrays.stream(m.group(2).split(",")).map(String::trim).forEach(tags::add);
        }
        documented.put(row.get(0) + " " + m.group(1), String.join(",", tags));
      }
    }
    Map<String, String> registered = new HashMap<>();
    for (String service : RepoFiles.SERVICES) {
      assertThat(meters.get(service)).as("meters of %s", service).isNotEmpty();
      for (ServiceMetrics.Meter meter : meters.get(service).values()) {
        registered.put(service + " " + meter.documentedName(), String.join(",", meter.tags()));
      }
    }
    assertThat(documented).as("README's metrics (service, name, tags)").isEqualTo(registered);
  }

  @Test
  void dashboardQueriesOnlySeriesTheServicesExposeByTheirTags() {
    List<String> expressions = dashboard.findValuesAsText("expr");
    assertThat(expressions).hasSizeGreaterThan(10);
    Map<String, ServiceMetrics.Meter> bySeries = new HashMap<>();
    meters
        .values()
        .forEach(
            m -> m.values().forEach(meter -> meter.series().forEach(s -> bySeries.put(s, meter))));
    Set<String> queried = new TreeSet<>();
    for (String expr : expressions) {
      Matcher series = SERIES.matcher(expr);
      assertThat(series.find()).as("a service metric in %s", expr).isTrue();
      do {
        String name = series.group(1);
        queried.add(name);
        if (name.startsWith("kafka_")) {
          // the Kafka clients' own metrics, bound by Micrometer: not named in our code
          assertThat(name).as(expr).matches("kafka_(consumer|producer|stream)_.+");
          continue;
        }
        ServiceMetrics.Meter meter = bySeries.get(name);
        assertThat(meter).as("%s in %s is registered by no service", name, expr).isNotNull();
        for (String label : labels(expr)) {
          assertThat(SERIES_LABELS.contains(label) || meter.tags().contains(label))
              .as("label %s of %s in %s (tags %s)", label, name, expr, meter.tags())
              .isTrue();
        }
      } while (series.find());
    }
    assertThat(queried)
        .as("the panels of the brief")
        .contains(
            "ingest_events_accepted_total",
            "ingest_events_rejected_total",
            "ingest_requests_rejected_total",
            "alerts_deliveries_total",
            "kafka_consumer_fetch_manager_records_lag_max");
  }

  @Test
  void cohesionAndRiskPanelReadsBothMetricsOfTheScoreGauge() {
    List<String> expressions = dashboard.findValuesAsText("expr");
    assertThat(expressions)
        .anyMatch(e -> e.contains("scoring_score{metric=\"cohesion\"}"))
        .anyMatch(e -> e.contains("scoring_score{metric=\"risk\"}"));
    assertThat(ServiceMetrics.of("scoring-service")).containsKey("scoring_score");
    assertThat(ServiceMetrics.of("scoring-service").get("scoring_score").tags())
        .containsExactlyInAnyOrder("alliance", "metric");
  }

  @Test
  void everyPanelUsesAProvisionedDatasource() {
    Set<String> provisioned =
        new TreeSet<>(
            RepoFiles.yaml("deploy/grafana/provisioning/datasources/datasources.yml")
                .path("datasources")
                .findValuesAsText("uid"));
    List<String> used = new ArrayList<>();
    dashboard
        .findParents("datasource")
        .forEach(p -> used.add(p.path("datasource").path("uid").asText()));
    assertThat(used).isNotEmpty();
    assertThat(provisioned).containsAll(used);
  }

  private static List<String> labels(String expr) {
    List<String> labels = new ArrayList<>();
    Matcher by = GROUPING.matcher(expr);
    while (by.find()) {
      Arrays.stream(by.group(1).split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(labels::add);
    }
    Matcher selector = SELECTOR.matcher(expr);
    while (selector.find()) {
      for (String matcher : selector.group(1).split(",")) {
        String label = matcher.split("[=!~]")[0].trim();
        if (!label.isEmpty() && !label.startsWith("{")) {
          labels.add(label);
        }
      }
    }
    return labels;
  }
}
