package io.alliancewatch.importer.follow;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.alliancewatch.contracts.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the follower has done, kept in a JSON file between runs: the exports imported (never fetched
 * again) and those seen but not yet imported (retried on every poll, even once the list has moved
 * on, so a file that failed is not skipped). Written atomically after each file.
 */
public record FollowState(List<Done> done, List<Pending> pending) {

  /** An export imported to the end. */
  public record Done(
      String url,
      String md5,
      Instant importedAt,
      long rowsRead,
      long eventsSent,
      long rowsSkipped,
      long rowsRefused) {}

  /** An export seen in the list and not imported yet, with the last reason. */
  public record Pending(String url, long size, String md5, int attempts, String lastError) {}

  public FollowState {
    done = new ArrayList<>(done == null ? List.of() : done);
    pending = new ArrayList<>(pending == null ? List.of() : pending);
  }

  public static FollowState load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new FollowState(List.of(), List.of());
    }
    return Json.mapper().readValue(file.toFile(), FollowState.class);
  }

  public void save(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    Files.write(
        temp, Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(this));
    // a crash leaves either the old or the new state, never half a file
    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public boolean isDone(String url) {
    return done.stream().anyMatch(d -> d.url().equals(url));
  }

  public Pending pendingFor(String url) {
    return pending.stream().filter(p -> p.url().equals(url)).findFirst().orElse(null);
  }
}
