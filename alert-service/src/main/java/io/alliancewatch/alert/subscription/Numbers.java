package io.alliancewatch.alert.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Number rules of subscription fields: JSON numbers only, finite, in range, whole where said. */
final class Numbers {

  private Numbers() {}

  static Double percentage(
      JsonNode body, String field, boolean required, Map<String, String> errors) {
    JsonNode node = body.get(field);
    String pointer = "/" + field;
    if (node == null || node.isNull()) {
      if (required) {
        errors.put(pointer, "is required: a number in 0..100");
      }
      return null;
    }
    if (!node.isNumber()) {
      errors.put(pointer, "must be a JSON number in 0..100, not " + kind(node));
      return null;
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value) || value < 0 || value > 100) {
      errors.put(pointer, "must be in 0..100 (it is " + node.asText() + ")");
      return null;
    }
    return value + 0.0; // -0 is 0 (edge-cases.md), and is shown as 0.0
  }

  static Long whole(JsonNode body, String field, long min, long max, Map<String, String> errors) {
    JsonNode node = body.get(field);
    String pointer = "/" + field;
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      errors.put(pointer, "must be a whole JSON number of seconds, not " + kind(node));
      return null;
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value) || value != Math.rint(value)) {
      errors.put(pointer, "must be a whole number of seconds (it is " + node.asText() + ")");
      return null;
    }
    if (value < min || value > max) {
      errors.put(
          pointer, "must be in " + min + ".." + max + " seconds (it is " + node.asText() + ")");
      return null;
    }
    return (long) value;
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
