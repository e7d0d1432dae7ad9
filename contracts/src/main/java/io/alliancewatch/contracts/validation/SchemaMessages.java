package io.alliancewatch.contracts.validation;

import com.networknt.schema.ValidationMessage;
import io.alliancewatch.contracts.IndicatorType;
import java.util.List;

/**
 * Turns the schema validator's findings into what a feeder reads: the RFC 6901 pointer of the field
 * at fault (a missing or unknown field is pointed at itself, not at its parent) and a plain message
 * that says what is allowed.
 */
final class SchemaMessages {

  private SchemaMessages() {}

  static String pointerOf(ValidationMessage message) {
    String location = message.getInstanceLocation().toString();
    String property = message.getProperty();
    if (property != null
        && ("required".equals(message.getType())
            || "additionalProperties".equals(message.getType()))) {
      return Pointers.member(location, property);
    }
    return location;
  }

  static String messageOf(ValidationMessage message) {
    String field = message.getProperty();
    return switch (message.getType()) {
      case "required" -> "is required";
      case "additionalProperties" ->
          "unknown field '"
              + field
              + "' (allowed: id, source, type, allianceId, country,"
              + " counterpart, severity, value, confidence, occurredAt, summary, url)";
      case "type" -> "must be a " + expectedType(message) + ", not " + kindOf(message);
      case "enum" -> "must be one of " + String.join(", ", enumNames());
      case "minimum", "maximum" -> "must be in " + range(message.getInstanceLocation().toString());
      case "minLength", "maxLength" ->
          "must be " + lengthRule(message.getInstanceLocation().toString());
      case "pattern" -> patternRule(message.getInstanceLocation().toString());
      default -> message.getError();
    };
  }

  private static List<String> enumNames() {
    return java.util.Arrays.stream(IndicatorType.values()).map(Enum::name).toList();
  }

  private static String expectedType(ValidationMessage message) {
    Object[] args = message.getArguments();
    String expected = args != null && args.length > 1 ? String.valueOf(args[1]) : "value";
    return expected.replace("[", "").replace("]", "").replace(", null", "").replace("null, ", "");
  }

  private static String kindOf(ValidationMessage message) {
    Object[] args = message.getArguments();
    return args != null && args.length > 0 ? "a " + args[0] : "this value";
  }

  private static String range(String pointer) {
    return switch (pointer) {
      case "/value" -> "0..100 (% of GDP)";
      default -> "0..1";
    };
  }

  private static String lengthRule(String pointer) {
    return switch (pointer) {
      case "/id" -> "1..128 characters long";
      case "/summary" -> "at most 1,000 characters long";
      case "/url" -> "at most 2,048 characters long";
      default -> "of the allowed length";
    };
  }

  static String patternRule(String pointer) {
    return switch (pointer) {
      case "/source" ->
          "must be 1..64 characters of a-z, 0-9, '.', '_' and '-' (e.g. gdelt, nato-dex)";
      case "/country", "/counterpart" ->
          "must be an ISO 3166-1 alpha-3 country code in upper case, e.g. DEU";
      case "/allianceId" -> "must be an alliance id such as NATO (see GET /api/alliances)";
      default -> "has the wrong form";
    };
  }
}
