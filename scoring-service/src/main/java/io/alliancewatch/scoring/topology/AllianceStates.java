package io.alliancewatch.scoring.topology;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.scoring.model.AllianceState;
import io.alliancewatch.scoring.model.Candidate;
import io.alliancewatch.scoring.model.SpendingReport;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How alliance states lie in the {@code scoring-state} store and its changelog: each alliance in
 * parts, so that an event rewrites only what it changed, not every member's spending and every
 * type's drivers (writing whole states was the largest cost of an event; README, "Benchmark").
 *
 * <ul>
 *   <li>{@code NATO}: the state without its evidence (reference time, pressures, count, last
 *       emitted scores);
 *   <li>{@code NATO/candidates/CYBER_INCIDENT}: the driver candidates of one type;
 *   <li>{@code NATO/spending/USA}: one member's latest spending report.
 * </ul>
 *
 * Alliance ids cannot contain {@code /} (contract.md), so a prefix scan of {@code NATO/} finds
 * exactly NATO's parts. Values are Smile (Jackson's binary JSON) with instants as seconds and
 * nanoseconds. A state stored whole, as JSON, by an earlier version is still read; the processor
 * rewrites it in parts the first time it changes.
 */
public final class AllianceStates {

  private static final char SEPARATOR = '/';
  private static final String CANDIDATES = "candidates";
  private static final String SPENDING = "spending";

  private static final ObjectMapper SMILE =
      SmileMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
          .build();

  private static final JavaType CANDIDATE_LIST =
      SMILE.getTypeFactory().constructCollectionType(List.class, Candidate.class);

  private AllianceStates() {}

  /** Whether {@code key} names an alliance's state rather than one of its parts. */
  public static boolean isAlliance(String key) {
    return key.indexOf(SEPARATOR) < 0;
  }

  /** The state of {@code allianceId} put together from its records, or null when it has none. */
  public static AllianceState read(ReadOnlyKeyValueStore<String, byte[]> store, String allianceId) {
    byte[] core = store.get(allianceId);
    if (core == null) {
      return null;
    }
    AllianceState state = readCore(core, allianceId);
    String prefix = allianceId + SEPARATOR;
    try (KeyValueIterator<String, byte[]> parts =
        store.prefixScan(prefix, new StringSerializer())) {
      while (parts.hasNext()) {
        KeyValue<String, byte[]> part = parts.next();
        restore(state, part.key, part.key.substring(prefix.length()), part.value);
      }
    }
    return state;
  }

  /** Writes every part of {@code state}. */
  static void writeAll(
      KeyValueStore<String, byte[]> store, String allianceId, AllianceState state) {
    store.put(allianceId, write(state.withoutEvidence()));
    for (IndicatorType type : state.candidateTypes()) {
      store.put(candidatesKey(allianceId, type), write(state.candidates(type)));
    }
    state
        .spending()
        .forEach((country, report) -> store.put(spendingKey(allianceId, country), write(report)));
  }

  /** Writes what counting {@code event} can have changed: the core and the event's own part. */
  static void writeChange(
      KeyValueStore<String, byte[]> store,
      String allianceId,
      AllianceState state,
      IndicatorEvent event) {
    writeCore(store, allianceId, state);
    if (event.type() == IndicatorType.DEFENSE_SPENDING) {
      SpendingReport report = state.spending().get(event.country());
      if (report != null) {
        store.put(spendingKey(allianceId, event.country()), write(report));
      }
    } else {
      store.put(candidatesKey(allianceId, event.type()), write(state.candidates(event.type())));
    }
  }

  /** Writes the core only (a tick changes nothing else). */
  static void writeCore(
      KeyValueStore<String, byte[]> store, String allianceId, AllianceState state) {
    store.put(allianceId, write(state.withoutEvidence()));
  }

  static String candidatesKey(String allianceId, IndicatorType type) {
    return allianceId + SEPARATOR + CANDIDATES + SEPARATOR + type.name();
  }

  static String spendingKey(String allianceId, String country) {
    return allianceId + SEPARATOR + SPENDING + SEPARATOR + country;
  }

  private static void restore(AllianceState state, String key, String part, byte[] value) {
    int slash = part.indexOf(SEPARATOR);
    String kind = slash < 0 ? part : part.substring(0, slash);
    String name = slash < 0 ? "" : part.substring(slash + 1);
    try {
      switch (kind) {
        case CANDIDATES ->
            state.restoreCandidates(
                IndicatorType.valueOf(name), SMILE.readValue(value, CANDIDATE_LIST));
        case SPENDING -> state.restoreSpending(name, SMILE.readValue(value, SpendingReport.class));
        default -> throw new IllegalArgumentException("unknown part " + kind);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new SerializationException("cannot read the state record " + key, e);
    }
  }

  private static AllianceState readCore(byte[] data, String key) {
    // a state stored whole by an earlier version is JSON text; Smile starts with ":)"
    ObjectMapper mapper = data.length > 0 && data[0] == '{' ? Json.mapper() : SMILE;
    try {
      return mapper.readValue(data, AllianceState.class);
    } catch (IOException e) {
      throw new SerializationException("cannot read the state record " + key, e);
    }
  }

  /** A state, a candidate list or a report as stored (public for the benchmark). */
  public static byte[] write(Object value) {
    try {
      return SMILE.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new SerializationException("cannot write a state record", e);
    }
  }
}
