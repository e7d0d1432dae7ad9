package io.alliancewatch.http;

import io.alliancewatch.contracts.validation.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The HTTP layer's own refusals (404 for an unknown path, 405, 406, 415 of a resource's
 * {@code @Consumes}...) as problem+json, like every other refusal of the services (edge-cases.md).
 * The headers the framework set, such as {@code Allow} on a 405, are kept.
 */
public class HttpProblemMapper {

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    Response original = e.getResponse();
    if (original.hasEntity()) {
      return original; // an answer someone wrote on purpose is left as it is
    }
    int status = original.getStatus();
    Response.ResponseBuilder response =
        Response.status(status)
            .type(Problem.MEDIA_TYPE)
            .entity(
                Problem.of(
                    status,
                    "http-" + status,
                    original.getStatusInfo().getReasonPhrase(),
                    e.getMessage()));
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
                  && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> response.header(name, value));
              }
            });
    return response.build();
  }
}
