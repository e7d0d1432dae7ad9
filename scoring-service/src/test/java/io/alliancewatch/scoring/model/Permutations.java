package io.alliancewatch.scoring.model;

import java.util.ArrayList;
import java.util.List;

/** Every order of a short list, for tests that claim the arrival order does not matter. */
final class Permutations {

  private Permutations() {}

  static <T> List<List<T>> of(List<T> items) {
    if (items.size() <= 1) {
      return List.of(List.copyOf(items));
    }
    List<List<T>> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T first = rest.remove(i);
      for (List<T> tail : of(rest)) {
        List<T> order = new ArrayList<>();
        order.add(first);
        order.addAll(tail);
        all.add(order);
      }
    }
    return all;
  }
}
