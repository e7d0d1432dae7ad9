package io.alliancewatch.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * An alliance of the registry (topic {@code alliance.registry}). {@code guidelinePctGdp} is the
 * defence-spending guideline in % of GDP, {@code null} when the alliance has none.
 */
@JsonPropertyOrder({"id", "name", "members", "guidelinePctGdp"})
public record Alliance(
    String id,
    String name,
    List<String> members,
    @JsonInclude(JsonInclude.Include.ALWAYS) Double guidelinePctGdp) {

  public Alliance {
    members = members == null ? List.of() : List.copyOf(members);
  }

  public boolean hasMember(String country) {
    return members.contains(country);
  }
}
