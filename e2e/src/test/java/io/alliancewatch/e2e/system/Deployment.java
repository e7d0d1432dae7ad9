package io.alliancewatch.e2e.system;

/**
 * Where the end-to-end tests reach the three services: the processes of a {@link RunningSystem} or
 * the containers of docker-compose.yml.
 */
public interface Deployment {

  /** The URL of {@code path} on ingest-service. */
  String ingestUrl(String path);

  /** The URL of {@code path} on scoring-service. */
  String scoringUrl(String path);

  /** The URL of {@code path} on alert-service. */
  String alertsUrl(String path);
}
