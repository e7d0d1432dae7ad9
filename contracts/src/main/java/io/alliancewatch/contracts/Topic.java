package io.alliancewatch.contracts;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its key and value. The name is the default of contract.md; a service
 * that reads another name from its configuration uses {@link #withName(String)}.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  public Topic<K, V> withName(String configuredName) {
    return new Topic<>(configuredName, keySerde, valueSerde);
  }
}
