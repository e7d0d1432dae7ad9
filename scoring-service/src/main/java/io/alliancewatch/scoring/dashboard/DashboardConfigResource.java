package io.alliancewatch.scoring.dashboard;

import io.alliancewatch.contracts.security.Access;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/dashboard/config}: what the dashboard (static files under {@code
 * META-INF/resources}) needs to know at run time, namely where the alert service answers, since the
 * page calls it from the browser (docs/dashboard.md).
 */
@Path("/api/dashboard/config")
@RolesAllowed(Access.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class DashboardConfigResource {

  /** The dashboard's settings as the page reads them. */
  public record DashboardConfig(String alertServiceUrl) {}

  private final DashboardConfig config;

  public DashboardConfigResource(
      @ConfigProperty(name = "dashboard.alert-service-url", defaultValue = "http://localhost:8083")
          String alertServiceUrl) {
    this.config = new DashboardConfig(alertServiceUrl);
  }

  @GET
  @Operation(
      summary = "The dashboard's run-time settings",
      description = "alertServiceUrl: the alert service as the browser reaches it.")
  public DashboardConfig config() {
    return config;
  }
}
