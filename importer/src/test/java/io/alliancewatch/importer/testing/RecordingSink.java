package io.alliancewatch.importer.testing;

import io.alliancewatch.importer.send.EventSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A sink that keeps every document it is given, for tests of mapping and batching; it refuses the
 * documents that {@code refuse} picks, as a receiver with a complaint would.
 */
public final class RecordingSink implements EventSink {

  private final List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> batchSizes =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final Predicate<String> refuse;

  public RecordingSink() {
    this(json -> false);
  }

  public RecordingSink(Predicate<String> refuse) {
    this.refuse = refuse;
  }

  @Override
  public List<Refusal> send(List<byte[]> batch) {
    batchSizes.add(batch.size());
    List<Refusal> refusals = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      String json = new String(batch.get(i), StandardCharsets.UTF_8);
      if (refuse.test(json)) {
        refusals.add(new Refusal(i, "/severity", "refused by the test"));
      } else {
        sent.add(json);
      }
    }
    return refusals;
  }

  @Override
  public String description() {
    return "a test recorder";
  }

  public List<String> sent() {
    return sent;
  }

  public List<Integer> batchSizes() {
    return batchSizes;
  }
}
