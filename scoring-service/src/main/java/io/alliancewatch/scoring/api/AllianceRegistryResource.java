package io.alliancewatch.scoring.api;

import io.alliancewatch.contracts.Alliance;
import io.alliancewatch.contracts.security.Access;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/alliances}: the registry as scoring reads it from {@code alliance.registry} (id,
 * name, members, guideline), so that the dashboard names each alliance as the registry does.
 */
@Path("/api/alliances")
@RolesAllowed({Access.VIEWER, Access.FEEDER})
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AllianceRegistryResource {

  private final ScoreQuery query;

  public AllianceRegistryResource(ScoreQuery query) {
    this.query = query;
  }

  @GET
  @Operation(
      summary = "Every alliance of the registry",
      description =
          "As this instance reads alliance.registry, sorted by id; 503 while Kafka Streams cannot"
              + " be queried yet.")
  public List<Alliance> all() {
    return query.alliances();
  }
}
