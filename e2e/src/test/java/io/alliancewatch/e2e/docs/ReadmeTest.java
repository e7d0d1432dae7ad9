package io.alliancewatch.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.alliancewatch.contracts.TopicSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The README's tables of services, topics and configuration keys against the code. */
class ReadmeTest {

  private static final Pattern HEADING = Pattern.compile("^(#{2,4})\\s+(.*)$");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  private static List<Section> sections;

  /** A heading and the first table under it (header row first), if any. */
  record Section(String heading, List<List<String>> table) {
    int column(String name) {
      int index = table.get(0).indexOf(name);
      assertThat(index).as("column '%s' of the table under '%s'", name, heading).isNotNegative();
      return index;
    }
  }

  @BeforeAll
  static void read() {
    sections = sections(RepoFiles.read("README.md"));
  }

  @Test
  void servicesTableHasEveryServiceOnItsHttpPort() {
    Section services = section("Services");
    int port = services.column("port");
    Map<String, String> documented = new LinkedHashMap<>();
    for (List<String> row : services.table().subList(1, services.table().size())) {
      documented.put(row.get(0), row.get(port));
    }
    for (String name : RepoFiles.SERVICES) {
      assertThat(documented)
          .as("the README's port of %s", name)
          .containsEntry(name, ServiceConfig.of(name).properties.get("quarkus.http.port"));
    }
    String localBroker =
        ServiceConfig.of("ingest-service").properties.get("kafka.bootstrap.servers");
    assertThat(documented.get("Kafka (local)"))
        .as("the local broker's port (kafka.bootstrap.servers=%s)", localBroker)
        .isEqualTo(localBroker.substring(localBroker.lastIndexOf(':') + 1));
  }

  @Test
  void topicsTableIsTheContractTopicsWithTheirPartitionsAndCompaction() {
    Section topics = section("Topics");
    int partitions = topics.column("partitions");
    List<TopicSpec> documented = new ArrayList<>();
    for (List<String> row : topics.table().subList(1, topics.table().size())) {
      documented.add(
          new TopicSpec(
              codes(row.get(0)).get(0),
              Integer.parseInt(row.get(partitions)),
              String.join(" ", row).contains("compacted")));
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(TopicSpec.DEFAULTS);
  }

  /** Here and in each service's own README.md, where there is one. */
  @Test
  void everyConfigurationKeyExistsInItsServiceWithTheDocumentedDefault() {
    int keysChecked = checkConfigurationTables(sections, null);
    assertThat(keysChecked).as("keys checked in README.md").isGreaterThanOrEqualTo(10);
    for (String service : RepoFiles.SERVICES) {
      if (java.nio.file.Files.exists(RepoFiles.path(service + "/README.md"))) {
        checkConfigurationTables(sections(RepoFiles.read(service + "/README.md")), service);
      }
    }
  }

  /** Checks the tables under every "configuration" heading; {@code service} null: by heading. */
  private static int checkConfigurationTables(List<Section> sections, String service) {
    List<Section> tables =
        sections.stream()
            .filter(s -> s.heading().toLowerCase(Locale.ROOT).contains("configuration"))
            .filter(s -> !s.table().isEmpty())
            .toList();
    int keysChecked = 0;
    for (Section section : tables) {
      List<ServiceConfig> services =
          service == null ? servicesOf(section.heading()) : List.of(ServiceConfig.of(service));
      int defaults = section.table().get(0).indexOf("default");
      for (List<String> row : section.table().subList(1, section.table().size())) {
        List<String> keys = keys(row.get(0));
        assertThat(keys).as("keys in '%s' under '%s'", row.get(0), section.heading()).isNotEmpty();
        List<String> values = defaults < 0 ? List.of() : codes(row.get(defaults));
        for (int i = 0; i < keys.size(); i++) {
          String key = keys.get(i);
          ServiceConfig owner =
              services.stream()
                  .filter(
                      s ->
                          key.endsWith(".*")
                              ? s.knowsUnder(key.substring(0, key.length() - 1))
                              : s.knows(key))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new AssertionError(
                              (service == null ? "README" : service + "/README")
                                  + " '"
                                  + section.heading()
                                  + "': "
                                  + key
                                  + " is in neither application.properties nor the config mapping of "
                                  + services.stream().map(s -> s.service).toList()));
          // a wildcard row (`alerts.topics.*`) names a group of keys: it has no single default
          Optional<String> actual = owner.defaultOf(key).filter(v -> !v.contains("${"));
          if (values.size() == keys.size() && actual.isPresent()) {
            assertThat(values.get(i))
                .as("README's default of %s (%s)", key, owner.service)
                .isEqualTo(actual.get());
          }
          keysChecked++;
        }
      }
    }
    return keysChecked;
  }

  /** The keys of a first cell; {@code `a.b.c` / `.d`} is {@code a.b.c} and {@code a.b.d}. */
  static List<String> keys(String cell) {
    List<String> keys = new ArrayList<>();
    String last = null;
    for (String code : codes(cell)) {
      if (code.startsWith(".") && last != null) {
        keys.add(last.substring(0, last.lastIndexOf('.')) + code);
      } else {
        keys.add(code);
        last = code;
      }
    }
    return keys;
  }

  private static List<ServiceConfig> servicesOf(String heading) {
    String lower = heading.toLowerCase(Locale.ROOT);
    List<ServiceConfig> named =
        RepoFiles.SERVICES.stream()
            .filter(s -> lower.contains(s.substring(0, s.indexOf('-'))))
            .map(ServiceConfig::of)
            .toList();
    return named.isEmpty() ? RepoFiles.SERVICES.stream().map(ServiceConfig::of).toList() : named;
  }

  private static Section section(String heading) {
    return sections.stream()
        .filter(s -> s.heading().equals(heading) && !s.table().isEmpty())
        .findFirst()
        .orElseThrow(() -> new AssertionError("README has no table under '" + heading + "'"));
  }

  private static List<String> codes(String cell) {
    List<String> codes = new ArrayList<>();
    Matcher m = CODE.matcher(cell);
    while (m.find()) {
      codes.add(m.group(1));
    }
    return codes;
  }

  static List<Section> sections(String markdown) {
    List<Section> found = new ArrayList<>();
    String heading = null;
    List<List<String>> table = new ArrayList<>();
    boolean tableDone = false;
    boolean inFence = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      Matcher h = HEADING.matcher(line);
      if (!inFence && h.matches()) {
        if (heading != null) {
          found.add(new Section(heading, table));
        }
        heading = h.group(2).trim();
        table = new ArrayList<>();
        tableDone = false;
      } else if (heading != null && !tableDone && line.startsWith("|")) {
        if (!line.matches("^\\|[\\s|:-]+\\|?\\s*$")) {
          table.add(cells(line));
        }
      } else if (!table.isEmpty()) {
        tableDone = true;
      }
    }
    if (heading != null) {
      found.add(new Section(heading, table));
    }
    return found;
  }

  private static List<String> cells(String row) {
    String inner = row.trim().replaceAll("^\\|", "").replaceAll("\\|$", "");
    List<String> cells = new ArrayList<>();
    for (String cell : inner.split("\\|", -1)) {
      cells.add(cell.trim());
    }
    return cells;
  }
}
