package io.alliancewatch.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Topic;
import io.alliancewatch.contracts.TopicSpec;
import io.alliancewatch.contracts.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml against contracts: its channels are TopicSpec.DEFAULTS, each carries its
 * topic's record, and each schema has exactly the record's components with their types.
 */
class AsyncApiTest {

  private static final String DOC = "docs/asyncapi.yaml";
  private static final String INDICATOR_SCHEMA =
      "contracts/src/main/resources/schema/indicator-event.v1.schema.json";
  private static final String X_JAVA_TYPE = "x-java-type";

  private static JsonNode api;

  @BeforeAll
  static void read() {
    api = RepoFiles.yaml(DOC);
    assertThat(api.path("asyncapi").asText()).startsWith("3.");
  }

  @Test
  void channelsAreTheContractTopicsWithTheirPartitionsAndCompaction() {
    Map<String, JsonNode> channels = channelsByAddress();
    assertThat(channels.keySet())
        .containsExactlyInAnyOrderElementsOf(
            TopicSpec.DEFAULTS.stream().map(TopicSpec::name).toList());
    for (TopicSpec spec : TopicSpec.DEFAULTS) {
      JsonNode kafka = channels.get(spec.name()).path("bindings").path("kafka");
      assertThat(kafka.path("partitions").asInt())
          .as("partitions of %s", spec.name())
          .isEqualTo(spec.partitions());
      boolean compacted =
          texts(kafka.path("topicConfiguration").path("cleanup.policy")).contains("compact");
      assertThat(compacted).as("%s compacted", spec.name()).isEqualTo(spec.compacted());
    }
  }

  @Test
  void eachChannelCarriesTheKeyAndValueOfItsTopic() throws Exception {
    Map<String, JsonNode> channels = channelsByAddress();
    for (Map.Entry<Topic<?, ?>, Type[]> topic : topics().entrySet()) {
      String name = topic.getKey().name();
      JsonNode messages = channels.get(name).path("messages");
      assertThat(messages.size()).as("messages of %s", name).isEqualTo(1);
      JsonNode message = resolve(messages.elements().next());
      JsonNode key = message.path("bindings").path("kafka").path("key");
      JsonNode payload = resolve(message.path("payload"));
      Type keyType = topic.getValue()[0];
      Type valueType = topic.getValue()[1];

      assertThat(key.path("type").asText()).as("key of %s", name).isEqualTo("string");
      assertThat(key.path("format").asText())
          .as("key format of %s (%s)", name, keyType.getTypeName())
          .isEqualTo(keyType == byte[].class ? "binary" : "");
      if (valueType instanceof Class<?> c && c.isRecord()) {
        assertThat(payload.path(X_JAVA_TYPE).asText())
            .as("value of %s", name)
            .isEqualTo(c.getName());
      } else {
        assertThat(valueType).as("value of %s", name).isEqualTo(byte[].class);
        assertThat(payload.has(X_JAVA_TYPE)).as("%s carries bytes, not a record", name).isFalse();
      }
    }
  }

  @Test
  void schemasHaveExactlyTheComponentsOfTheirRecordsWithTheirTypes() throws Exception {
    JsonNode schemas = api.path("components").path("schemas");
    int checked = 0;
    for (JsonNode schema : schemas) {
      if (!schema.has(X_JAVA_TYPE)) {
        continue;
      }
      Class<?> record = Class.forName(schema.get(X_JAVA_TYPE).asText());
      assertThat(record.isRecord()).as("%s is a record", record).isTrue();
      List<String> components =
          java.util.Arrays.stream(record.getRecordComponents())
              .map(RecordComponent::getName)
              .toList();
      List<String> properties = new ArrayList<>();
      schema.path("properties").fieldNames().forEachRemaining(properties::add);
      assertThat(properties)
          .as("properties of the schema of %s", record.getSimpleName())
          .containsExactlyInAnyOrderElementsOf(components);
      for (RecordComponent component : record.getRecordComponents()) {
        assertType(
            record.getSimpleName() + "." + component.getName(),
            component.getGenericType(),
            resolve(schema.path("properties").path(component.getName())));
      }
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(6);
  }

  @Test
  void everyRecordOnATopicHasASchema() throws Exception {
    Set<Class<?>> reachable = new LinkedHashSet<>();
    for (Type[] types : topics().values()) {
      collectRecords(types[1], reachable);
    }
    Set<String> documented = new HashSet<>();
    api.path("components")
        .path("schemas")
        .forEach(
            s -> {
              if (s.has(X_JAVA_TYPE)) {
                documented.add(s.get(X_JAVA_TYPE).asText());
              }
            });
    assertThat(documented)
        .containsExactlyInAnyOrderElementsOf(reachable.stream().map(Class::getName).toList());
  }

  @Test
  void theIndicatorPayloadIsTheContractsJsonSchema() {
    JsonNode raw =
        resolve(
            channelsByAddress()
                .get(Topics.INDICATORS_RAW.name())
                .path("messages")
                .elements()
                .next());
    String ref = raw.path("payload").path("schema").path("$ref").asText();
    assertThat(Path.of(DOC).resolveSibling(ref).normalize()).isEqualTo(Path.of(INDICATOR_SCHEMA));
    String draft = RepoFiles.json(INDICATOR_SCHEMA).path("$schema").asText();
    String version =
        draft.contains("2020-12")
            ? "draft-2020-12"
            : draft.contains("draft-07") ? "draft-07" : draft;
    assertThat(raw.path("payload").path("schemaFormat").asText())
        .as("the schema format names the draft of %s", INDICATOR_SCHEMA)
        .isEqualTo("application/schema+json;version=" + version);
  }

  @Test
  void everyReferenceResolves() {
    List<JsonNode> refs = api.findValues("$ref");
    assertThat(refs).hasSizeGreaterThan(20);
    for (JsonNode ref : refs) {
      assertThat(resolve(ref.asText()).isMissingNode()).as("$ref %s", ref.asText()).isFalse();
    }
  }

  @Test
  void everyChannelHasASenderAndEveryOperationAParty() {
    Set<String> parties = new HashSet<>(RepoFiles.SERVICES);
    parties.add("feeders");
    Map<String, Set<String>> actions = new LinkedHashMap<>();
    Set<String> services = new HashSet<>();
    for (JsonNode operation : api.path("operations")) {
      String address = resolve(operation.path("channel")).path("address").asText();
      actions.computeIfAbsent(address, a -> new HashSet<>()).add(operation.path("action").asText());
      List<String> tags = operation.path("tags").findValuesAsText("name");
      assertThat(tags).as("the party of an operation on %s", address).hasSize(1);
      assertThat(parties).contains(tags.get(0));
      services.add(tags.get(0));
    }
    assertThat(services).containsAll(RepoFiles.SERVICES);
    for (TopicSpec spec : TopicSpec.DEFAULTS) {
      assertThat(actions.get(spec.name())).as("operations on %s", spec.name()).contains("send");
    }
  }

  private static void assertType(String where, Type type, JsonNode schema) {
    assertThat(schema.isMissingNode()).as("schema of %s", where).isFalse();
    Class<?> raw =
        type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (raw == String.class) {
      assertThat(types(schema)).as(where).contains("string");
    } else if (raw == Instant.class) {
      assertThat(types(schema)).as(where).contains("string");
      assertThat(schema.path("format").asText().equals("date-time") || schema.has("pattern"))
          .as("%s is an instant (date-time)", where)
          .isTrue();
    } else if (raw == double.class || raw == Double.class) {
      assertThat(types(schema)).as(where).contains("number");
    } else if (raw == long.class || raw == int.class || raw == Long.class || raw == Integer.class) {
      assertThat(types(schema)).as(where).contains("integer");
    } else if (raw == boolean.class || raw == Boolean.class) {
      assertThat(types(schema)).as(where).contains("boolean");
    } else if (raw.isEnum()) {
      assertThat(types(schema)).as(where).contains("string");
      assertThat(texts(schema.path("enum")))
          .as("values of %s", where)
          .containsExactlyInAnyOrderElementsOf(wireNames(raw));
    } else if (List.class.isAssignableFrom(raw)) {
      assertThat(types(schema)).as(where).contains("array");
      assertType(
          where + "[]",
          ((ParameterizedType) type).getActualTypeArguments()[0],
          resolve(schema.path("items")));
    } else if (Map.class.isAssignableFrom(raw)) {
      assertThat(types(schema)).as(where).contains("object");
      assertType(
          where + "{}",
          ((ParameterizedType) type).getActualTypeArguments()[1],
          resolve(schema.path("additionalProperties")));
    } else if (raw.isRecord()) {
      assertThat(schema.path(X_JAVA_TYPE).asText()).as(where).isEqualTo(raw.getName());
    } else {
      throw new AssertionError(where + ": a type this test does not know: " + type);
    }
  }

  private static List<String> wireNames(Class<?> enumType) {
    Method wire =
        java.util.Arrays.stream(enumType.getMethods())
            .filter(m -> m.isAnnotationPresent(JsonValue.class))
            .findFirst()
            .orElse(null);
    List<String> names = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      try {
        names.add(
            wire == null ? ((Enum<?>) constant).name() : String.valueOf(wire.invoke(constant)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return names;
  }

  private static void collectRecords(Type type, Set<Class<?>> found) {
    if (type instanceof ParameterizedType p) {
      for (Type argument : p.getActualTypeArguments()) {
        collectRecords(argument, found);
      }
    } else if (type instanceof Class<?> c && c.isRecord() && found.add(c)) {
      for (RecordComponent component : c.getRecordComponents()) {
        collectRecords(component.getGenericType(), found);
      }
    }
  }

  /** Each topic constant of Topics with its key and value types. */
  private static Map<Topic<?, ?>, Type[]> topics() throws IllegalAccessException {
    Map<Topic<?, ?>, Type[]> topics = new LinkedHashMap<>();
    for (Field field : Topics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == Topic.class) {
        topics.put(
            (Topic<?, ?>) field.get(null),
            ((ParameterizedType) field.getGenericType()).getActualTypeArguments());
      }
    }
    assertThat(topics).hasSize(TopicSpec.DEFAULTS.size());
    return topics;
  }

  private static Map<String, JsonNode> channelsByAddress() {
    Map<String, JsonNode> channels = new LinkedHashMap<>();
    api.path("channels").forEach(c -> channels.put(c.path("address").asText(), c));
    return channels;
  }

  /** The node itself, or what its {@code $ref} points at (in this document or in a file). */
  private static JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? resolve(node.get("$ref").asText()) : node;
  }

  private static JsonNode resolve(String ref) {
    int hash = ref.indexOf('#');
    String file = hash < 0 ? ref : ref.substring(0, hash);
    String pointer = hash < 0 ? "" : ref.substring(hash + 1);
    JsonNode document = api;
    if (!file.isEmpty()) {
      Path path = Path.of(DOC).resolveSibling(file).normalize();
      assertThat(RepoFiles.path(path.toString())).as("file of $ref %s", ref).exists();
      document = RepoFiles.json(path.toString());
    }
    return resolve(document.at(pointer));
  }

  private static Set<String> types(JsonNode schema) {
    return new HashSet<>(texts(schema.path("type")));
  }

  private static List<String> texts(JsonNode node) {
    if (node.isArray()) {
      List<String> texts = new ArrayList<>();
      node.forEach(n -> texts.add(n.asText()));
      return texts;
    }
    return node.isMissingNode() ? List.of() : List.of(node.asText());
  }
}
