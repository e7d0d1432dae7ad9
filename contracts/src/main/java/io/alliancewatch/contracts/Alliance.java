package io.alliancewatch.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An alliance of the registry (topic {@code alliance.registry}). {@code guidelinePctGdp} is the
 * defence-spending guideline in % of GDP, {@code null} when the alliance has none. {@code founded}
 * (an ISO-8601 date) and {@code notes} describe it, as in {@code shared/data/alliances.json}; both
 * are optional, kept as given and left out when absent. Nothing is computed from them.
 */
@JsonPropertyOrder({"id", "name", "founded", "members", "guidelinePctGdp", "notes"})
public record Alliance(
    String id,
    String name,
    @JsonInclude(JsonInclude.Include.NON_NULL) String founded,
    List<String> members,
    @JsonInclude(JsonInclude.Include.ALWAYS) Double guidelinePctGdp,
    @JsonInclude(JsonInclude.Include.NON_NULL) String notes) {

  public Alliance {
    members = members == null ? List.of() : List.copyOf(members);
  }

  /** An alliance without the descriptive fields. */
  public Alliance(String id, String name, List<String> members, Double guidelinePctGdp) {
    this(id, name, null, members, guidelinePctGdp, null);
  }

  public boolean hasMember(String country) {
    return members.contains(country);
  }
}
