package io.alliancewatch.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Instants;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.Pointers;
import io.alliancewatch.ingest.config.IngestConfig;
import io.alliancewatch.ingest.core.IndicatorIngester.Located;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudEvents 1.0 over HTTP (structured, batch and binary modes), read with the CloudEvents SDK,
 * plus the rules of edge-cases.md the SDK leaves open: only 1.0, our one {@code type}, JSON data in
 * {@code data} (not {@code data_base64}), an RFC 3339 {@code time}, lower-case extension names.
 */
@ApplicationScoped
public class CloudEventsReader {

  /** The one CloudEvents type this service takes. */
  public static final String TYPE = "io.alliancewatch.indicator.v1";

  private static final Set<String> CONTEXT_ATTRIBUTES =
      Set.of(
          "specversion",
          "id",
          "source",
          "type",
          "datacontenttype",
          "dataschema",
          "subject",
          "time");
  private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]+");

  private final JsonFormat format = new JsonFormat();
  private final IngestConfig config;

  public CloudEventsReader(IngestConfig config) {
    this.config = config;
  }

  /** {@code application/cloudevents+json}: one event, the indicator at {@code /data}. */
  public List<Located> structured(byte[] body) {
    JsonNode event = JsonBodies.parse(body);
    List<FieldError> errors = new ArrayList<>();
    Located located = checkStructured(event, body, "", errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("The CloudEvent is not one this service takes.", errors);
    }
    return List.of(located);
  }

  /** {@code application/cloudevents-batch+json}: an array of 1..1,000 structured events. */
  public List<Located> batch(byte[] body) {
    JsonNode array = JsonBodies.parse(body);
    if (!array.isArray()) {
      throw ProblemException.invalid(
          "A CloudEvents batch is a JSON array of structured events.",
          List.of(new FieldError("", "must be an array of CloudEvents")));
    }
    IndicatorResource.batchItems(array, "", config.limits().batchEvents());
    List<FieldError> errors = new ArrayList<>();
    List<Located> events = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode event = array.get(i);
      byte[] bytes = event.isObject() ? writeBytes(event) : new byte[0];
      events.add(checkStructured(event, bytes, "/" + i, errors));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(
          "Some CloudEvents of the batch are not ones this service takes; nothing was written.",
          errors);
    }
    return events;
  }

  /** Binary mode: the context in {@code ce-*} headers, the indicator as the JSON body. */
  public List<Located> binary(HttpHeaders headers, byte[] body) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : headers.getRequestHeaders().keySet()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("ce-")) {
        String attribute = lower.substring(3);
        if (!CONTEXT_ATTRIBUTES.contains(attribute)
            && !EXTENSION_NAME.matcher(attribute).matches()) {
          errors.add(
              new FieldError(
                  Pointers.member(attribute),
                  "extension names are lower-case letters and digits only"));
        }
      }
    }
    for (String required : List.of("specversion", "id", "source", "type")) {
      String value = headers.getHeaderString("ce-" + required);
      if (value == null || value.isEmpty()) {
        errors.add(new FieldError("/" + required, "header ce-" + required + " is required"));
      }
    }
    checkAttributeValues(
        headers.getHeaderString("ce-specversion"),
        headers.getHeaderString("ce-type"),
        headers.getHeaderString("ce-time"),
        "",
        errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("The CloudEvent is not one this service takes.", errors);
    }
    JsonNode data = JsonBodies.parse(body);
    try {
      MessageReader reader =
          HttpMessageFactory.createReaderFromMultimap(headers.getRequestHeaders(), body);
      reader.toEvent();
    } catch (RuntimeException e) {
      throw ProblemException.invalid(
          "The CloudEvent could not be read: " + e.getMessage(),
          List.of(new FieldError("", String.valueOf(e.getMessage()))));
    }
    return List.of(new Located(data, ""));
  }

  private Located checkStructured(
      JsonNode event, byte[] bytes, String prefix, List<FieldError> errors) {
    if (!event.isObject()) {
      errors.add(new FieldError(prefix, "must be a CloudEvent (a JSON object)"));
      return new Located(event, prefix);
    }
    int before = errors.size();
    for (String required : List.of("specversion", "id", "source", "type")) {
      JsonNode value = event.get(required);
      if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
        errors.add(new FieldError(prefix + "/" + required, "is required (a non-empty string)"));
      }
    }
    event
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (CONTEXT_ATTRIBUTES.contains(name)
                  || name.equals("data")
                  || name.equals("data_base64")) {
                return;
              }
              if (!EXTENSION_NAME.matcher(name).matches()) {
                errors.add(
                    new FieldError(
                        Pointers.member(prefix, name),
                        "extension names are lower-case letters and digits only"));
              } else if (!isAttributeValue(event.get(name))) {
                errors.add(
                    new FieldError(
                        Pointers.member(prefix, name),
                        "an extension attribute is a string, a boolean or an integer (CloudEvents"
                            + " 1.0's types in JSON), not "
                            + kind(event.get(name))));
              }
            });
    checkAttributeValues(
        text(event, "specversion"), text(event, "type"), text(event, "time"), prefix, errors);
    JsonNode contentType = event.get("datacontenttype");
    if (contentType != null && !isJson(contentType.asText())) {
      errors.add(
          new FieldError(
              prefix + "/datacontenttype", "must be application/json (or absent), the indicator"));
    }
    if (event.has("data_base64")) {
      errors.add(
          new FieldError(prefix + "/data_base64", "is not taken; put the indicator JSON in data"));
    }
    JsonNode data = event.get("data");
    if (data == null || data.isNull()) {
      errors.add(new FieldError(prefix + "/data", "is required: the indicator event"));
    }
    if (errors.size() == before) {
      try {
        CloudEvent parsed = format.deserialize(bytes);
        if (parsed.getSpecVersion() != SpecVersion.V1) {
          errors.add(new FieldError(prefix + "/specversion", "must be 1.0"));
        }
      } catch (RuntimeException e) {
        errors.add(new FieldError(prefix, "is not a readable CloudEvent: " + e.getMessage()));
      }
    }
    return new Located(data, prefix + "/data");
  }

  /**
   * Whether {@code value} is one of CloudEvents 1.0's attribute types as its JSON format writes
   * them: String (and Binary, URI, URI-reference, Timestamp) as a string, Boolean, Integer (a
   * 32-bit signed whole number); null is an unset attribute.
   */
  private static boolean isAttributeValue(JsonNode value) {
    return value.isTextual()
        || value.isBoolean()
        || value.isNull()
        || (value.isIntegralNumber() && value.canConvertToInt());
  }

  private static String kind(JsonNode value) {
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    return value.isNumber()
        ? "the number " + value
        : value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static void checkAttributeValues(
      String specversion, String type, String time, String prefix, List<FieldError> errors) {
    if (specversion != null && !specversion.isEmpty() && !specversion.equals("1.0")) {
      errors.add(new FieldError(prefix + "/specversion", "must be 1.0 (got " + specversion + ")"));
    }
    if (type != null && !type.isEmpty() && !type.equals(TYPE)) {
      errors.add(new FieldError(prefix + "/type", "must be " + TYPE + " (got " + type + ")"));
    }
    if (time != null) {
      try {
        Instants.parseRfc3339(time);
      } catch (DateTimeParseException e) {
        errors.add(new FieldError(prefix + "/time", e.getMessage()));
      }
    }
  }

  private static boolean isJson(String contentType) {
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("application/json");
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static byte[] writeBytes(JsonNode node) {
    try {
      return Json.mapper().writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
