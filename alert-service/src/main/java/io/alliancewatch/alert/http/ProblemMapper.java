package io.alliancewatch.alert.http;

import io.alliancewatch.contracts.validation.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * This service's refusals as problem+json; the HTTP layer's own (404, 405, 415) are mapped by
 * {@code io.alliancewatch.http.HttpProblemMapper}.
 */
public class ProblemMapper {

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    Response.ResponseBuilder response =
        Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.problem());
    if (e.problem().status() == 503) {
      response.header("Retry-After", "5");
    }
    return response.build();
  }

  @ServerExceptionMapper
  public Response kafkaUnavailable(io.alliancewatch.alert.kafka.KafkaUnavailableException e) {
    return problem(
        ProblemException.unavailable(
            "Kafka did not acknowledge in time; nothing was stored. Retry after Retry-After."));
  }

  @ServerExceptionMapper
  public Response viewReloading(io.alliancewatch.alert.store.LocalStore.StoreClosedException e) {
    return problem(
        ProblemException.unavailable(
            "The service is reading its views again (a restart); retry after Retry-After."));
  }
}
