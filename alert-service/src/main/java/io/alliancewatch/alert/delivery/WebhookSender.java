package io.alliancewatch.alert.delivery;

import com.standardwebhooks.Webhook;
import io.alliancewatch.contracts.Json;
import io.alliancewatch.contracts.alert.AlertNotification;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One signed POST (Standard Webhooks): {@code webhook-id}, {@code webhook-timestamp} of this
 * attempt, {@code webhook-signature} made by the Standard Webhooks library over {@code
 * id.timestamp.body}. Redirects are not followed: a redirect could lead anywhere, past the address
 * rules.
 */
public final class WebhookSender {

  /** What one attempt gave: a status code (and its Retry-After) or an error. */
  public record Outcome(Integer statusCode, String retryAfter, String error, long durationMs) {
    boolean succeeded() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }

  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  public WebhookSender(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The body: the same bytes on every attempt of a notification. */
  public static byte[] body(AlertNotification notification) {
    try {
      return Json.mapper().writeValueAsBytes(notification);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Posts {@code body}; {@code traceparent} (or null) continues the trace of the score that caused
   * the notification (W3C Trace Context), so a receiver's tracing joins it.
   */
  public CompletableFuture<Outcome> send(
      String url, String secret, String webhookId, byte[] body, String traceparent) {
    long timestamp = clock.instant().getEpochSecond();
    String signature;
    try {
      signature =
          new Webhook(secret).sign(webhookId, timestamp, new String(body, StandardCharsets.UTF_8));
    } catch (Exception e) {
      return CompletableFuture.completedFuture(
          new Outcome(null, null, "cannot sign: " + e.getMessage(), 0));
    }
    HttpRequest request;
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("webhook-id", webhookId)
              .header("webhook-timestamp", Long.toString(timestamp))
              .header("webhook-signature", signature)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (traceparent != null) {
        builder.header("traceparent", traceparent);
      }
      request = builder.build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(
          new Outcome(null, null, "cannot call this URL: " + e.getMessage(), 0));
    }
    long start = System.nanoTime();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) -> {
              long ms = (System.nanoTime() - start) / 1_000_000;
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                String error =
                    cause instanceof HttpTimeoutException
                        ? "no answer within " + timeout.toMillis() + " ms"
                        : cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                return new Outcome(null, null, error, ms);
              }
              return new Outcome(
                  response.statusCode(),
                  response.headers().firstValue("Retry-After").orElse(null),
                  null,
                  ms);
            });
  }
}
