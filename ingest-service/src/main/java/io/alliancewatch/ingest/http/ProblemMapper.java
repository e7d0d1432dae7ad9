package io.alliancewatch.ingest.http;

import io.alliancewatch.contracts.validation.Problem;
import io.alliancewatch.ingest.core.IngestMetrics;
import io.alliancewatch.ingest.kafka.KafkaUnavailableException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * This service's refusals as problem+json; the HTTP layer's own (404, 405, 415) are mapped by
 * {@code io.alliancewatch.http.HttpProblemMapper}.
 */
public class ProblemMapper {

  private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

  private final IngestMetrics metrics;

  public ProblemMapper(IngestMetrics metrics) {
    this.metrics = metrics;
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    Response.ResponseBuilder response =
        Response.status(e.problem().status()).type(Problem.MEDIA_TYPE).entity(e.problem());
    e.headers().forEach(response::header);
    return response.build();
  }

  @ServerExceptionMapper
  public Response kafkaUnavailable(KafkaUnavailableException e) {
    LOG.warnf("answering 503: %s", e.getMessage());
    metrics.requestRefused("http", "kafka-unavailable");
    return Response.status(503)
        .type(Problem.MEDIA_TYPE)
        .header("Retry-After", metrics.retryAfterSeconds())
        .entity(
            Problem.of(
                503,
                "kafka-unavailable",
                "Kafka unavailable",
                "Kafka did not acknowledge the events in time; nothing of this request is reported"
                    + " as accepted. Retry after the delay in Retry-After; resending is safe, as"
                    + " scoring counts an event (source, id) once."))
        .build();
  }
}
