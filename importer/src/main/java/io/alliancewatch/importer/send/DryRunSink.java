package io.alliancewatch.importer.send;

import java.util.List;

/** Sends nothing: {@code --dry-run} shows what an import would send, skip and count. */
public final class DryRunSink implements EventSink {

  @Override
  public List<Refusal> send(List<byte[]> batch) {
    return List.of();
  }

  @Override
  public String description() {
    return "nowhere (dry run)";
  }
}
