package io.alliancewatch.scoring.api;

import io.alliancewatch.scoring.config.ScoringConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks the instance that owns an alliance, and passes its answer on unchanged. A forwarded request
 * is marked so the owner answers itself or refuses: two instances that disagree about ownership
 * during a rebalance never bounce a request between them.
 */
@ApplicationScoped
public class Forwarder {

  /** Set on a forwarded request; its value is the instance that forwarded it. */
  public static final String FORWARDED_BY = "X-Alliance-Watch-Forwarded-By";

  /** Set on every answer: the instance whose state computed it. */
  public static final String SERVED_BY = "X-Alliance-Watch-Served-By";

  private final HttpClient client;
  private final ScoringConfig config;

  public Forwarder(ScoringConfig config) {
    this.config = config;
    this.client = HttpClient.newBuilder().connectTimeout(config.forwarding().timeout()).build();
  }

  /**
   * Asks {@code owner} for an alliance's score.
   *
   * @param bearerToken the caller's token, passed on: the owner checks it as this instance did
   */
  Response forward(
      HostInfo owner,
      HostInfo self,
      String allianceId,
      Optional<String> rawAsOf,
      String bearerToken) {
    return forward(
        owner,
        self,
        "/api/scores/"
            + pathSegment(allianceId)
            + rawAsOf.map(a -> "?asOf=" + URLEncoder.encode(a, StandardCharsets.UTF_8)).orElse(""),
        allianceId,
        bearerToken);
  }

  /**
   * Asks {@code owner} the same request, {@code pathAndQuery}, about {@code allianceId}.
   *
   * @param bearerToken the caller's token, passed on: the owner checks it as this instance did
   */
  Response forward(
      HostInfo owner, HostInfo self, String pathAndQuery, String allianceId, String bearerToken) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery))
            .timeout(config.forwarding().timeout())
            .header(FORWARDED_BY, self.host() + ":" + self.port())
            .header("Authorization", "Bearer " + bearerToken)
            .GET()
            .build();
    try {
      HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      Response.ResponseBuilder response =
          Response.status(answer.statusCode()).entity(answer.body());
      for (String header : new String[] {"Content-Type", "Retry-After", "Link", SERVED_BY}) {
        answer.headers().firstValue(header).ifPresent(value -> response.header(header, value));
      }
      return response.build();
    } catch (IOException e) {
      throw ApiProblem.notReady(
          "the instance that owns " + allianceId + " (" + owner + ") did not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiProblem.notReady("interrupted while asking " + owner);
    }
  }

  /**
   * Refuses to forward a request that was itself forwarded: during a rebalance two instances may
   * each think the other owns the alliance.
   *
   * @throws ApiProblem 503 when {@code forwardedBy} (the {@link #FORWARDED_BY} header) is set
   */
  static void refuseSecondHop(String allianceId, String forwardedBy) {
    if (forwardedBy != null) {
      throw ApiProblem.notReady(
          "ownership of " + allianceId + " is moving (asked by " + forwardedBy + "): retry");
    }
  }

  /** {@code value} as one path segment. */
  static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
