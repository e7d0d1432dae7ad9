package io.alliancewatch.contracts.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.AllianceDirectory;
import io.alliancewatch.contracts.IndicatorEvent;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.Instants;
import io.alliancewatch.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validation every entry point uses (HTTP JSON, NDJSON, CloudEvents, the raw topic): the
 * published JSON Schema for shape and ranges, then the rules a schema cannot say (membership, time,
 * URL form, Unicode text), then routing to alliances.
 */
public final class IndicatorValidator {

  /** The schema, published with the contracts at this classpath location. */
  public static final String SCHEMA_RESOURCE = "/schema/indicator-event.v1.schema.json";

  /** How far in the future {@code occurredAt} may lie, for clock skew between feeder and ingest. */
  public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

  private static final Set<String> ISO_COUNTRIES =
      Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3);

  private final JsonSchema schema;
  private final Set<String> declared;
  private final Clock clock;

  public IndicatorValidator(Clock clock) {
    this.clock = clock;
    this.schema = loadSchema();
    Set<String> names = new java.util.HashSet<>();
    schema.getSchemaNode().path("properties").fieldNames().forEachRemaining(names::add);
    this.declared = Set.copyOf(names);
  }

  private static JsonSchema loadSchema() {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    try (InputStream in = IndicatorValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema not on the classpath: " + SCHEMA_RESOURCE);
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The outcome: a valid, routed indicator, or the problems, each with its pointer. */
  public record Result(ValidIndicator valid, List<FieldError> errors) {
    public boolean isValid() {
      return valid != null;
    }

    static Result invalid(List<FieldError> errors) {
      return new Result(null, List.copyOf(errors));
    }
  }

  /** Validates one indicator; pointers are relative to {@code node}. */
  public Result validate(JsonNode node, AllianceDirectory directory) {
    if (node == null || !node.isObject()) {
      return Result.invalid(
          List.of(
              new FieldError("", "must be a JSON object (an indicator event), not " + kind(node))));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    checkUnicode(node, "", errors);
    // null means absent (edge-cases.md): a null optional field is no field, a null required one
    // is "required", not "must be a string, not a null"
    for (ValidationMessage message : schema.validate(withoutNulls((ObjectNode) node))) {
      errors.putIfAbsent(SchemaMessages.pointerOf(message), SchemaMessages.messageOf(message));
    }
    checkPatternEnds(node, errors);
    String typeName = node.path("type").isTextual() ? node.get("type").textValue() : null;
    boolean knownType = IndicatorType.isKnown(typeName);
    if (!knownType) {
      // the type decides which severity and value rules apply: without one, report /type alone
      errors.remove("/severity");
      errors.remove("/value");
    }
    Instant occurredAt = checkOccurredAt(node, errors);
    checkUrl(node, errors);
    checkCounterpart(node, errors);
    if (knownType && IndicatorType.valueOf(typeName) == IndicatorType.DEFENSE_SPENDING) {
      JsonNode severity = node.get("severity");
      if (severity != null && severity.isNumber() && !Double.isFinite(severity.doubleValue())) {
        errors.putIfAbsent(
            "/severity", "must be a finite number (it is ignored for DEFENSE_SPENDING)");
      }
    }
    List<String> alliances = route(node, directory, errors);
    if (!errors.isEmpty()) {
      List<FieldError> list = new ArrayList<>();
      errors.forEach((pointer, message) -> list.add(new FieldError(pointer, message)));
      return Result.invalid(list);
    }
    ObjectNode json = withoutNulls((ObjectNode) node);
    IndicatorEvent event = toEvent(json, occurredAt);
    return new Result(new ValidIndicator(json, event, alliances), List.of());
  }

  /**
   * The schema's patterns are anchored with {@code $}, which java.util.regex also matches before a
   * final line terminator: a value ending in one is refused here, as an ECMA-262 reader would.
   */
  private static void checkPatternEnds(JsonNode node, Map<String, String> errors) {
    for (String field : List.of("source", "allianceId", "country", "counterpart", "occurredAt")) {
      JsonNode value = node.get(field);
      if (value != null
          && value.isTextual()
          && !value.textValue().isEmpty()
          && "\n\r\u0085\u2028\u2029"
                  .indexOf(value.textValue().charAt(value.textValue().length() - 1))
              >= 0) {
        errors.putIfAbsent("/" + field, SchemaMessages.patternRule("/" + field));
      }
    }
  }

  private Instant checkOccurredAt(JsonNode node, Map<String, String> errors) {
    JsonNode occurredAt = node.get("occurredAt");
    if (occurredAt == null || !occurredAt.isTextual() || errors.containsKey("/occurredAt")) {
      if (occurredAt != null && occurredAt.isTextual()) {
        // the schema's pattern failed: say what is allowed rather than echo a regular expression
        errors.put("/occurredAt", describeTimeError(occurredAt.textValue()));
      }
      return null;
    }
    try {
      Instant instant = Instants.parseRfc3339(occurredAt.textValue());
      Instant latest = clock.instant().plus(MAX_FUTURE);
      if (instant.isAfter(latest)) {
        errors.put(
            "/occurredAt",
            "lies in the future: "
                + instant
                + " is after "
                + latest
                + " (ingest time plus 5 minutes)");
      }
      return instant;
    } catch (DateTimeParseException e) {
      errors.put("/occurredAt", e.getMessage());
      return null;
    }
  }

  private static String describeTimeError(String text) {
    try {
      Instants.parseRfc3339(text);
      return "is not an RFC 3339 instant";
    } catch (DateTimeParseException e) {
      return e.getMessage();
    }
  }

  private static void checkUrl(JsonNode node, Map<String, String> errors) {
    JsonNode url = node.get("url");
    if (url == null || !url.isTextual() || errors.containsKey("/url")) {
      return;
    }
    HttpUrls.problem(url.textValue()).ifPresent(problem -> errors.put("/url", problem));
  }

  private static void checkCounterpart(JsonNode node, Map<String, String> errors) {
    JsonNode counterpart = node.get("counterpart");
    if (counterpart != null
        && counterpart.isTextual()
        && !errors.containsKey("/counterpart")
        && !ISO_COUNTRIES.contains(counterpart.textValue())) {
      errors.put(
          "/counterpart",
          "'" + counterpart.textValue() + "' is not an ISO 3166-1 alpha-3 country code");
    }
  }

  /** The alliances the event goes to; reports membership problems at /country. */
  private static List<String> route(
      JsonNode node, AllianceDirectory directory, Map<String, String> errors) {
    JsonNode allianceNode = node.get("allianceId");
    JsonNode countryNode = node.get("country");
    boolean allianceGiven = allianceNode != null && !allianceNode.isNull();
    if (allianceGiven && errors.containsKey("/allianceId")) {
      return List.of();
    }
    if (allianceGiven) {
      String allianceId = allianceNode.textValue();
      Optional<Alliance> alliance = directory.find(allianceId);
      if (alliance.isEmpty()) {
        errors.put(
            "/allianceId",
            "unknown alliance '"
                + allianceId
                + "'; known: "
                + String.join(", ", directory.all().stream().map(Alliance::id).sorted().toList()));
        return List.of();
      }
      if (countryNode != null && countryNode.isTextual() && !errors.containsKey("/country")) {
        String country = countryNode.textValue();
        if (!alliance.get().hasMember(country)) {
          errors.put("/country", country + " is not a member of " + allianceId);
          return List.of();
        }
      }
      return List.of(allianceId);
    }
    if (countryNode == null || !countryNode.isTextual() || errors.containsKey("/country")) {
      return List.of();
    }
    String country = countryNode.textValue();
    List<String> alliances = directory.alliancesOf(country).stream().map(Alliance::id).toList();
    if (alliances.isEmpty()) {
      errors.put(
          "/country",
          country + " is a member of no alliance in the registry; give a member country");
    }
    return alliances;
  }

  private static IndicatorEvent toEvent(ObjectNode json, Instant occurredAt) {
    IndicatorType type = IndicatorType.valueOf(json.get("type").textValue());
    return new IndicatorEvent(
        json.get("id").textValue(),
        json.get("source").textValue(),
        type,
        text(json, "allianceId"),
        json.get("country").textValue(),
        text(json, "counterpart"),
        type == IndicatorType.DEFENSE_SPENDING ? null : number(json, "severity"),
        number(json, "value"),
        number(json, "confidence"),
        occurredAt,
        text(json, "summary"),
        text(json, "url"),
        null);
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    return node == null ? null : node.textValue();
  }

  private static Double number(JsonNode json, String field) {
    JsonNode node = json.get(field);
    return node == null ? null : node.doubleValue();
  }

  /**
   * {@code node} without the nulls of the fields the schema declares (null means absent); a null
   * field the schema does not know stays, and is refused as unknown like any other value.
   */
  private ObjectNode withoutNulls(ObjectNode node) {
    ObjectNode copy = Json.mapper().createObjectNode();
    node.fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getValue().isNull() || !declared.contains(entry.getKey())) {
                copy.set(entry.getKey(), entry.getValue());
              }
            });
    return copy;
  }

  /** Strings must be Unicode text: a lone surrogate escape (\ud800) is not. */
  private static void checkUnicode(JsonNode node, String pointer, Map<String, String> errors) {
    if (node.isTextual()) {
      if (Texts.hasUnpairedSurrogate(node.textValue())) {
        errors.putIfAbsent(pointer, "is not valid Unicode text: it holds an unpaired surrogate");
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String child = Pointers.member(pointer, field.getKey());
        if (Texts.hasUnpairedSurrogate(field.getKey())) {
          errors.putIfAbsent(child, "field name is not valid Unicode text");
        }
        checkUnicode(field.getValue(), child, errors);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkUnicode(node.get(i), pointer + "/" + i, errors);
      }
    }
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
