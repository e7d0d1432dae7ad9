package io.alliancewatch.contracts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Read access to the alliance registry, as validation and routing need it. */
public interface AllianceDirectory {

  Optional<Alliance> find(String allianceId);

  Collection<Alliance> all();

  /** The alliances {@code country} belongs to, ordered by id. */
  default List<Alliance> alliancesOf(String country) {
    return all().stream()
        .filter(alliance -> alliance.hasMember(country))
        .sorted(java.util.Comparator.comparing(Alliance::id))
        .toList();
  }

  /** A fixed directory, for tools and tests. */
  static AllianceDirectory of(Collection<Alliance> alliances) {
    List<Alliance> copy = List.copyOf(alliances);
    return new AllianceDirectory() {
      @Override
      public Optional<Alliance> find(String allianceId) {
        return copy.stream().filter(a -> a.id().equals(allianceId)).findFirst();
      }

      @Override
      public Collection<Alliance> all() {
        return copy;
      }
    };
  }
}
