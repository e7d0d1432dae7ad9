package io.alliancewatch.scoring.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.alliancewatch.contracts.IndicatorType;
import io.alliancewatch.contracts.IndicatorType.Category;
import io.alliancewatch.contracts.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The weights of one model version (scoring.md sections 2 and 4), read from {@code
 * model/{version}.json} on the class path. A change of weights is a new file and a new version, so
 * a score record always names the numbers that made it.
 */
public record ModelConfig(
    String modelVersion,
    double cohesionBaseline,
    double spendingShortfallWeight,
    double riskBaseline,
    double cohesionWeight,
    Map<IndicatorType, TypeWeight> types) {

  /** How much one type moves its score ({@code beta}) and how fast its evidence fades. */
  public record TypeWeight(double beta, double halfLifeDays) {
    public double halfLifeSeconds() {
      return halfLifeDays * 86_400.0;
    }
  }

  public ModelConfig {
    types = new EnumMap<>(types);
  }

  public TypeWeight weight(IndicatorType type) {
    TypeWeight weight = types.get(type);
    if (weight == null) {
      throw new IllegalArgumentException(type + " has no weight: it does not fade");
    }
    return weight;
  }

  private static final List<IndicatorType> DECAYING = findDecayingTypes();

  /** The types whose evidence fades: every type but DEFENSE_SPENDING, in declaration order. */
  public static List<IndicatorType> decayingTypes() {
    return DECAYING;
  }

  private static List<IndicatorType> findDecayingTypes() {
    List<IndicatorType> decaying = new ArrayList<>();
    for (IndicatorType type : IndicatorType.values()) {
      if (type.category() != Category.BURDEN_SHARING) {
        decaying.add(type);
      }
    }
    return List.copyOf(decaying);
  }

  /** Loads {@code model/{version}.json} from the class path. */
  public static ModelConfig load(String version) {
    String resource = "model/" + version + ".json";
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no model file " + resource + " on the class path");
      }
      return parse(Json.mapper().readTree(in), resource);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  static ModelConfig parse(JsonNode root, String origin) {
    Map<IndicatorType, TypeWeight> weights = new EnumMap<>(IndicatorType.class);
    Iterator<Map.Entry<String, JsonNode>> fields = root.path("types").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      IndicatorType type = IndicatorType.valueOf(field.getKey());
      TypeWeight weight =
          new TypeWeight(
              number(field.getValue(), "beta", origin),
              number(field.getValue(), "halfLifeDays", origin));
      if (weight.beta() < 0 || weight.halfLifeDays() <= 0) {
        throw new IllegalArgumentException(
            origin + ": " + type + " needs beta >= 0 and halfLifeDays > 0");
      }
      weights.put(type, weight);
    }
    for (IndicatorType type : decayingTypes()) {
      if (!weights.containsKey(type)) {
        throw new IllegalArgumentException(origin + ": no weight for " + type);
      }
    }
    if (weights.containsKey(IndicatorType.DEFENSE_SPENDING)) {
      throw new IllegalArgumentException(
          origin
              + ": DEFENSE_SPENDING does not fade; it is weighed by cohesion.spendingShortfallWeight");
    }
    JsonNode cohesion = root.path("cohesion");
    JsonNode risk = root.path("risk");
    return new ModelConfig(
        root.path("modelVersion").asText(),
        Math.log(number(cohesion, "baselineOdds", origin)),
        number(cohesion, "spendingShortfallWeight", origin),
        Math.log(number(risk, "baselineOdds", origin)) + number(risk, "baselineShift", origin),
        number(risk, "cohesionWeight", origin),
        weights);
  }

  private static double number(JsonNode node, String name, String origin) {
    JsonNode value = node.get(name);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException(origin + ": " + name + " must be a number");
    }
    return value.doubleValue();
  }
}
