package io.alliancewatch.alert.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.Metric;
import io.alliancewatch.contracts.alert.Condition;
import io.alliancewatch.contracts.alert.Subscription;
import io.alliancewatch.contracts.validation.FieldError;
import io.alliancewatch.contracts.validation.Pointers;
import io.alliancewatch.contracts.validation.Texts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a request body into a subscription, or into the list of what is wrong, one entry per field
 * (alerts.md "Subscriptions", edge-cases.md "Subscriptions and webhooks").
 */
public final class SubscriptionParser {

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "alliances",
          "metric",
          "condition",
          "threshold",
          "recoveryThreshold",
          "forSeconds",
          "repeatIntervalSeconds",
          "webhook");
  private static final Set<String> READ_ONLY =
      Set.of("id", "status", "disabledAt", "disabledReason", "createdAt", "owner");
  private static final Set<String> WEBHOOK_FIELDS = Set.of("url", "secret");
  static final double SAFE_MARGIN = 5;

  private final Predicate<String> knownAlliance;
  private final WebhookAddresses addresses;

  public SubscriptionParser(Predicate<String> knownAlliance, WebhookAddresses addresses) {
    this.knownAlliance = knownAlliance;
    this.addresses = addresses;
  }

  /** The outcome: the subscription to store, or the errors (then nothing is stored). */
  public record Result(Subscription subscription, List<FieldError> errors) {
    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  /**
   * Parses a create ({@code existing} null) by {@code owner}, or a full replace of {@code
   * existing}, which keeps its id, creation time, owner and, when none is given, its secret; a
   * replace makes it active again.
   */
  public Result parse(JsonNode body, String id, Subscription existing, Instant now, String owner) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (body == null || !body.isObject()) {
      return new Result(null, List.of(new FieldError("", "must be a JSON object")));
    }
    body.fieldNames()
        .forEachRemaining(
            field -> {
              if (READ_ONLY.contains(field)) {
                errors.put(Pointers.member(field), "is read-only: the service sets it");
              } else if (!FIELDS.contains(field)) {
                errors.put(
                    Pointers.member(field),
                    "unknown field (allowed: " + String.join(", ", sorted(FIELDS)) + ")");
              }
            });
    String name = name(body, errors);
    List<String> alliances = alliances(body, errors);
    Metric metric = enumField(body, "metric", Metric::fromWireName, "risk, cohesion", errors);
    Condition condition =
        enumField(body, "condition", Condition::fromWireName, "above, below", errors);
    Double threshold = Numbers.percentage(body, "threshold", true, errors);
    Double recovery = Numbers.percentage(body, "recoveryThreshold", false, errors);
    Long forSeconds = Numbers.whole(body, "forSeconds", 0, 86_400, errors);
    Long repeat = Numbers.whole(body, "repeatIntervalSeconds", 0, 604_800, errors);
    if (repeat != null && repeat != 0 && repeat < 60) {
      errors.put("/repeatIntervalSeconds", "must be 0 (never) or in 60..604800 seconds");
    }
    if (threshold != null && condition != null && !errors.containsKey("/recoveryThreshold")) {
      // absent and JSON null alike take the default (edge-cases.md: null means absent)
      recovery = recovery(threshold, condition, recovery, errors);
    }
    Subscription.Webhook webhook = webhook(body, existing, errors);
    if (!errors.isEmpty()) {
      List<FieldError> list = new ArrayList<>();
      errors.forEach((pointer, message) -> list.add(new FieldError(pointer, message)));
      return new Result(null, list);
    }
    Subscription subscription =
        new Subscription(
            id,
            name,
            alliances,
            metric,
            condition,
            threshold,
            recovery,
            forSeconds == null ? 0 : forSeconds,
            repeat == null ? 0 : repeat,
            webhook,
            Subscription.STATUS_ACTIVE,
            null,
            null,
            existing == null ? now : existing.createdAt(),
            existing == null ? owner : existing.owner());
    return new Result(subscription, List.of());
  }

  private static String name(JsonNode body, Map<String, String> errors) {
    JsonNode node = body.get("name");
    if (node == null || node.isNull()) {
      errors.put("/name", "is required");
      return null;
    }
    if (!node.isTextual()) {
      errors.put("/name", "must be a string of 1..100 characters");
      return null;
    }
    String name = node.textValue();
    int length = name.codePointCount(0, name.length());
    if (length < 1 || length > 100) {
      errors.put("/name", "must be 1..100 characters long (it has " + length + ")");
    } else if (Texts.hasUnpairedSurrogate(name)) {
      errors.put("/name", "is not valid Unicode text: it holds an unpaired surrogate");
    }
    return name;
  }

  private List<String> alliances(JsonNode body, Map<String, String> errors) {
    JsonNode node = body.get("alliances");
    if (node == null || node.isNull()) {
      errors.put("/alliances", "is required: alliance ids, or [\"*\"] for all");
      return null;
    }
    if (!node.isArray() || node.isEmpty()) {
      errors.put("/alliances", "must be a non-empty array of alliance ids, or [\"*\"] for all");
      return null;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (!item.isTextual()) {
        errors.put("/alliances/" + i, "must be an alliance id (a string)");
      } else if (Subscription.ALL_ALLIANCES.equals(item.textValue())) {
        if (node.size() > 1 && !allStars(node)) {
          errors.put("/alliances/" + i, "\"*\" stands alone: [\"*\"] means every alliance");
        }
        ids.add(item.textValue());
      } else if (!knownAlliance.test(item.textValue())) {
        errors.put(
            "/alliances/" + i,
            "unknown alliance '" + item.textValue() + "' (ids are case-sensitive, e.g. NATO)");
      } else {
        ids.add(item.textValue());
      }
    }
    return List.copyOf(ids);
  }

  private static boolean allStars(JsonNode node) {
    for (JsonNode item : node) {
      if (!Subscription.ALL_ALLIANCES.equals(item.textValue())) {
        return false;
      }
    }
    return true;
  }

  private static <E> E enumField(
      JsonNode body,
      String field,
      java.util.function.Function<String, E> lookup,
      String allowed,
      Map<String, String> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      errors.put("/" + field, "is required: one of " + allowed);
      return null;
    }
    E value = node.isTextual() ? lookup.apply(node.textValue()) : null;
    if (value == null) {
      errors.put("/" + field, "must be one of " + allowed + " (lower case)");
    }
    return value;
  }

  private static Double recovery(
      double threshold, Condition condition, Double given, Map<String, String> errors) {
    boolean above = condition == Condition.ABOVE;
    if (given == null) {
      double fallback = above ? threshold - SAFE_MARGIN : threshold + SAFE_MARGIN;
      if (fallback < 0 || fallback > 100) {
        errors.put(
            "/recoveryThreshold",
            "the default (threshold "
                + (above ? "- 5" : "+ 5")
                + " = "
                + fallback
                + ") lies outside 0..100: give a recoveryThreshold");
        return null;
      }
      return fallback;
    }
    if (above && !(given < threshold)) {
      errors.put(
          "/recoveryThreshold",
          "must be below the threshold (" + threshold + ") for condition 'above'");
    } else if (!above && !(given > threshold)) {
      errors.put(
          "/recoveryThreshold",
          "must be above the threshold (" + threshold + ") for condition 'below'");
    }
    return given;
  }

  private Subscription.Webhook webhook(
      JsonNode body, Subscription existing, Map<String, String> errors) {
    JsonNode node = body.get("webhook");
    if (node == null || node.isNull()) {
      errors.put("/webhook", "is required: {\"url\": \"https://...\"}");
      return null;
    }
    if (!node.isObject()) {
      errors.put("/webhook", "must be an object with url and optionally secret");
      return null;
    }
    node.fieldNames()
        .forEachRemaining(
            field -> {
              if (!WEBHOOK_FIELDS.contains(field)) {
                errors.put("/webhook/" + field, "unknown field (allowed: secret, url)");
              }
            });
    String url = null;
    JsonNode urlNode = node.get("url");
    if (urlNode == null || urlNode.isNull()) {
      errors.put("/webhook/url", "is required: an absolute http or https URL");
    } else if (!urlNode.isTextual()) {
      errors.put("/webhook/url", "must be a string: an absolute http or https URL");
    } else {
      url = urlNode.textValue();
      Optional<String> problem = addresses.problem(url);
      problem.ifPresent(p -> errors.put("/webhook/url", p));
    }
    String secret = null;
    JsonNode secretNode = node.get("secret");
    if (secretNode != null && !secretNode.isNull()) {
      if (!secretNode.isTextual()) {
        errors.put("/webhook/secret", "must be a string: whsec_ + base64 of 24..64 bytes");
      } else {
        secret = secretNode.textValue();
        Secrets.problem(secret).ifPresent(p -> errors.put("/webhook/secret", p));
      }
    } else if (existing != null) {
      secret = existing.webhook().secret();
    } else {
      secret = Secrets.generate();
    }
    return new Subscription.Webhook(url, secret);
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
