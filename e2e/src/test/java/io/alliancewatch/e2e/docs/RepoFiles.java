package io.alliancewatch.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's files as the docs tests read them: relative to the repository root. */
final class RepoFiles {

  /** The three services, as named by their modules (and {@code quarkus.application.name}). */
  static final List<String> SERVICES =
      List.of("ingest-service", "scoring-service", "alert-service");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private RepoFiles() {}

  /**
   * The Kafka principal a service logs in as (deploy/kafka/acls.txt): {@code ingest-service} is
   * {@code ingest}.
   */
  static String kafkaPrincipal(String service) {
    return service.substring(0, service.indexOf('-'));
  }

  /** {@code alliancewatch.root} (set by surefire and failsafe), else the parent of the module. */
  static Path root() {
    Path root =
        Path.of(System.getProperty("alliancewatch.root", "..")).toAbsolutePath().normalize();
    assertThat(root.resolve("contracts")).as("repository root %s", root).isDirectory();
    return root;
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(String relative) {
    try {
      return YAML.readTree(read(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(relative + " is not valid YAML", e);
    }
  }

  static JsonNode json(String relative) {
    try {
      return JSON.readTree(read(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(relative + " is not valid JSON", e);
    }
  }

  /** The version of the parent pom, which every module and image carries. */
  static String projectVersion() {
    Matcher m =
        Pattern.compile(
                "<artifactId>alliance-watch-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(read("pom.xml"));
    assertThat(m.find()).as("the parent pom's version").isTrue();
    return m.group(1).trim();
  }
}
